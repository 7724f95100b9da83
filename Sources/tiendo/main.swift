import Foundation

// `tiendo <command> [options]` — see `tiendo help` and docs/operations.md.
MallocTuning.apply()
let status = CommandLineTool.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
