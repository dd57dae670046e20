// swift-tools-version: 6.0
// A tiny project that uses Kusari as a dependency: copy this folder to start your own.
import PackageDescription

let package = Package(
    name: "Starter",
    dependencies: [
        // Inside the Kusari repository: depend on it by path (this is how `make test` builds the starter).
        .package(name: "Kusari", path: "../.."),
        // In your own project, depend on a released Kusari instead (see Docs/GettingStarted.md):
        // .package(url: "https://github.com/OWNER/Kusari", branch: "main"),
    ],
    targets: [
        .executableTarget(
            name: "Starter",
            dependencies: [.product(name: "Kusari", package: "Kusari")]
        ),
        .testTarget(
            name: "StarterTests",
            dependencies: ["Starter", .product(name: "KusariTesting", package: "Kusari")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
