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
                "PodiumCore", "PodiumUI", "PodiumTerminal", "CSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PodiumCoreTests", dependencies: ["PodiumCore"],
                    resources: [.copy("Fixtures")]),
        // Goldens/ is read by path from the source tree (and rewritten by PODIUM_RECORD_GOLDENS).
        .testTarget(name: "PodiumUITests", dependencies: ["PodiumUI", "PodiumCore"], exclude: ["Goldens"]),
        .testTarget(name: "PodiumTerminalTests", dependencies: ["PodiumTerminal"]),
        // The `podium` executable's own code (the bench suite's SQLite anchor and figure table).
        .testTarget(name: "PodiumCLITests", dependencies: ["podium"]),
    ],
    swiftLanguageModes: [.v6]
)
