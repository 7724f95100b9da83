import Foundation

/// Dispatches `tiendo <command>` to the command that does the work. A usage error
/// exits 2, any other failure exits 1 with the reason on stderr.
enum CommandLineTool {
    static let usage = """
    usage: tiendo <command> [options]

      serve        [--host H] [--port P] [--db FILE] [--migrations DIR] [--demo] [--no-group-commit]
                   --no-group-commit (or TIENDO_GROUP_COMMIT=off): one transaction and one fsync
                   per write (the benchmark baseline; slower, equally durable)
      migrate      [--db FILE] [--migrations DIR]
      demo         [--db FILE] [--migrations DIR]        load the demo province and print its tokens
      token create --unit ID --role reporter|aggregator|admin [--label TEXT] [--db FILE]
      token list   [--db FILE]
      token revoke ID [--db FILE]
      import       FILE [--issuer ID] [--aggregator ID] [--commit] [--json] [--db FILE]
                   read a plan document (text or .html) into a draft; --commit stores it
      backup       --to FILE [--force] [--db FILE]       online, consistent copy; --force overwrites FILE
      healthcheck  [--port P]                            exit 0 when GET /health answers 200
      bench-store  [--db FILE] [--writers N] [--rows N]  durable insert rate, group commit vs not
      bench-seed   --db FILE --dataset province|national [--seed N]

    Every option also reads its TIENDO_* variable (--db ⇐ TIENDO_DB, --port ⇐ TIENDO_PORT).
    Only serve, migrate and bench-seed create a database file; the others refuse a missing one.
    Any command with --help or -h prints this and does nothing else.
    """

    static func run(_ words: [String]) -> Int32 {
        do {
            // Help before anything else: `serve --help` must not start a server or create a file.
            if words.contains("--help") || words.contains("-h") {
                print(usage)
                return 0
            }
            let arguments = try Arguments(words)
            guard let command = arguments.words.first else {
                print(usage)
                return arguments.flag("help") ? 0 : 2
            }
            switch command {
            case "serve": return try ServeCommand.run(arguments)
            case "migrate": return try MigrateCommand.run(arguments)
            case "demo": return try DemoCommand.run(arguments)
            case "token": return try TokenCommand.run(arguments)
            case "backup": return try BackupCommand.run(arguments)
            case "import": return try ImportCommand.run(arguments)
            case "healthcheck":
                return Healthcheck.run(port: try arguments.integer("port", env: "TIENDO_PORT") ?? 8080)
            case "bench-store": return try BenchStoreCommand.run(arguments)
            case "bench-seed":
                try BenchSeed.run(arguments)
                return 0
            case "help", "-h", "--help":
                print(usage)
                return 0
            default:
                throw UsageError("unknown command '\(command)'")
            }
        } catch let error as UsageError {
            Log.standardError("tiendo: \(error)\n\n\(usage)")
            return 2
        } catch {
            Log.standardError("tiendo: \(error)")
            return 1
        }
    }
}
