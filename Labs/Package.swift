// swift-tools-version: 6.0
// Kusari's labs: graded exercises. Each lab N is a library target `LabN` (the file you edit) and a test
// target `LabNTests` (the grader). `make lab N=3` from the repository root grades lab 3.
//
// Teachers: the solutions are in Solutions/; delete that folder before handing the labs out.
// KUSARI_LAB_SOLUTIONS=1 builds every lab from Solutions/ instead of the stubs (what CI checks).
import Foundation
import PackageDescription

let useSolutions = ProcessInfo.processInfo.environment["KUSARI_LAB_SOLUTIONS"] == "1"

/// The labs and the Kusari products each one uses.
let labs: [(number: Int, uses: [String])] = [
    (0, ["KusariCore"]), (1, ["KusariCore"]), (2, ["KusariCore"]), (3, ["KusariCore"]),
    (4, ["KusariCore"]), (5, ["KusariCore"]), (6, ["KusariCore"]),
    (7, ["Kusari"]), (8, ["Kusari"]),
    (9, ["Kusari"]), (10, ["Kusari"]), (11, ["Kusari"]),
    (12, ["Kusari"]), (13, ["Kusari"]),
]

let package = Package(
    name: "KusariLabs",
    dependencies: [.package(name: "Kusari", path: "..")],
    targets: labs.flatMap { lab -> [Target] in
        let kusari = lab.uses.map { Target.Dependency.product(name: $0, package: "Kusari") }
        return [
            .target(
                name: "Lab\(lab.number)", dependencies: kusari,
                path: useSolutions ? "Solutions/Lab\(lab.number)" : "Lab\(lab.number)/Sources"
            ),
            .testTarget(
                name: "Lab\(lab.number)Tests",
                dependencies: [.target(name: "Lab\(lab.number)"), .product(name: "KusariTesting", package: "Kusari")] + kusari,
                path: "Lab\(lab.number)/Tests"
            ),
        ]
    },
    swiftLanguageModes: [.v6]
)
