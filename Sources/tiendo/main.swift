import Foundation
import TiendoHTTP

// `tiendo <command> [options]` — see `tiendo help` and docs/operations.md.
// `serve` drains on SIGTERM/SIGINT: block them before any thread exists, so one sent at any
// moment waits for the server's sigwait instead of being lost (HTTPServer.blockShutdownSignals).
if CommandLine.arguments.dropFirst().first == "serve" { HTTPServer.blockShutdownSignals() }
MallocTuning.apply()
let status = CommandLineTool.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
