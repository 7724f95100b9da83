// swift-tools-version:6.0
// Tiến độ: no package dependencies by design — our own HTTP/1.1 server on Glibc
// sockets, SQLite through the system's libsqlite3, Foundation from the toolchain.
import PackageDescription

let package = Package(
    name: "tiendo",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tiendo", targets: ["tiendo"]),
    ],
    targets: [
        // The system's libsqlite3 (libsqlite3-dev on Debian).
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite",
                       pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // Every deadline and report-date rule; no I/O.
        .target(name: "TiendoDomain"),
        // A thin wrapper over sqlite3_*: connections, statements, one writer with
        // group commit, parallel readers, migrations, online backup.
        .target(name: "TiendoSQLite", dependencies: ["CSQLite"]),
        // The service's tables: units, plans, tasks, reports, locks, tokens.
        .target(name: "TiendoStore", dependencies: ["TiendoSQLite", "TiendoDomain"]),
        // epoll, eventfd and accept4 from libc: the toolchain's Glibc module omits their headers.
        .systemLibrary(name: "CLinuxEvents", path: "Sources/CLinuxEvents"),
        // HTTP/1.1 on sockets (Server/) and the routing primitives (Routing/).
        .target(name: "TiendoHTTP", dependencies: ["CLinuxEvents"]),
        // The JSON API of SPEC §4: routes, handlers, auth, CSV.
        .target(name: "TiendoAPI", dependencies: ["TiendoHTTP", "TiendoStore", "TiendoDomain"]),
        .executableTarget(name: "tiendo", dependencies: ["TiendoAPI", "TiendoStore", "TiendoSQLite", "TiendoHTTP"]),

        .testTarget(name: "TiendoDomainTests", dependencies: ["TiendoDomain"],
                    // plan documents, the unit directory and the hand-written gold of the import accuracy test
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "TiendoSQLiteTests", dependencies: ["TiendoSQLite"]),
        .testTarget(name: "TiendoHTTPTests", dependencies: ["TiendoHTTP"]),
        .testTarget(name: "TiendoAPITests", dependencies: ["TiendoAPI", "TiendoStore", "TiendoHTTP", "TiendoSQLite", "TiendoDomain"]),
    ]
)
