// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Podium",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "podium", targets: ["podium"]),
        .library(name: "PodiumCore", targets: ["PodiumCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // The log, events, the fold, commands and their validation. No terminal here.
        .target(
            name: "PodiumCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // The venue's log in PostgreSQL (issue 11): the one target that knows NIO, so PodiumCore
        // stays free of it. It plugs into PodiumCore's `EventStore` seam.
        .target(
            name: "PodiumPostgres",
            dependencies: [
                "PodiumCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // Test-only helpers every test target may use: the throw-away PostgreSQL server.
        .target(name: "PodiumTestSupport", dependencies: ["PodiumCore"]),
        // libncursesw, wrapped for Swift. The only C in the project.
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The system SQLite: only the anchor of the log's benchmark (`podium bench log`/`all`).
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Canvas, width, layout, widgets, themes and screens: pure functions of state.
        .target(name: "PodiumUI", dependencies: ["PodiumCore"]),
        // The ncurses backend and the run loop. Thin.
        .target(name: "PodiumTerminal", dependencies: ["PodiumUI", "CNcursesw"]),
        .executableTarget(
            name: "podium",
            dependencies: [
                "PodiumCore", "PodiumUI", "PodiumTerminal", "CSQLite", "PodiumPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PodiumCoreTests", dependencies: ["PodiumCore", "PodiumTestSupport"],
                    resources: [.copy("Fixtures")]),
        // Goldens/ is read by path from the source tree (and rewritten by PODIUM_RECORD_GOLDENS).
        .testTarget(name: "PodiumUITests", dependencies: ["PodiumUI", "PodiumCore"], exclude: ["Goldens"]),
        .testTarget(name: "PodiumTerminalTests", dependencies: ["PodiumTerminal"]),
        // The PostgreSQL store against a real, throw-away server (and the log contract on both stores).
        .testTarget(name: "PodiumPostgresTests", dependencies: ["PodiumPostgres", "PodiumCore", "PodiumUI", "PodiumTestSupport"]),
        // The `podium` executable's own code (the bench suite's SQLite anchor and figure table).
        .testTarget(name: "PodiumCLITests", dependencies: ["podium"]),
    ],
    swiftLanguageModes: [.v6]
)
