// swift-tools-version: 6.0
// Kusari (鎖, "chain"): an educational, Chainer-style define-by-run deep-learning framework in Swift.
import PackageDescription

let package = Package(
    name: "Kusari",
    products: [
        .library(name: "Kusari", targets: ["Kusari"]),
        .library(name: "KusariCore", targets: ["KusariCore"]),
        .library(name: "KusariNN", targets: ["KusariNN"]),
        .library(name: "KusariData", targets: ["KusariData"]),
        .library(name: "KusariIO", targets: ["KusariIO"]),
        .library(name: "KusariPlot", targets: ["KusariPlot"]),
        .library(name: "KusariTraining", targets: ["KusariTraining"]),
        .library(name: "KusariTesting", targets: ["KusariTesting"]),
        .executable(name: "kusari-bench", targets: ["KusariBenchmarks"]),
        .executable(name: "kusari-fuzz", targets: ["KusariFuzz"]),
        .executable(name: "noisy-sine-rnn", targets: ["NoisySineRNN"]),
        .executable(name: "sine-cosine-lstm", targets: ["SineCosineLSTM"]),
        .executable(name: "stateful-rnn", targets: ["StatefulRNN"]),
        .executable(name: "autodiff-graph", targets: ["AutodiffGraph"]),
        // Data-parallel training over MPI (issue 13): the library, its multi-rank checks, an example.
        .library(name: "KusariDistributed", targets: ["KusariDistributed"]),
        .executable(name: "kusari-mpi-tests", targets: ["KusariMPITests"]),
        .executable(name: "distributed-sine", targets: ["DistributedSine"]),
        // Issue 12 (bearing anomaly lab): FFT and PCA, and the tutorial.
        .library(name: "KusariSignal", targets: ["KusariSignal"]),
        .executable(name: "bearing-anomaly-vae", targets: ["BearingAnomalyVAE"]),
        .executable(name: "icu-mortality-lstm", targets: ["ICUMortalityLSTM"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        // `make docs` (scripts/check-docs.sh): the DocC site of every module, see Docs/Architecture.md.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // OpenBLAS's cblas.h (Debian: libopenblas-dev), linked as `openblas`.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        // A small C API over gnuplot-iostream.h (Debian: libgnuplot-iostream-dev, gnuplot-nox).
        .target(
            name: "CGnuplot",
            path: "Sources/CGnuplot",
            linkerSettings: [.linkedLibrary("boost_iostreams"), .linkedLibrary("boost_filesystem")]
        ),
        // zlib's raw inflate and CRC-32 (Debian: zlib1g-dev), for reading deflated .npz members safely.
        .systemLibrary(name: "CInflate", path: "Sources/CInflate"),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        // The LSTM cell's float32 forward kernel, compiled for SSE2, AVX2 and AVX-512 (picked at load).
        .target(name: "CLSTMKernels", path: "Sources/CLSTMKernels"),
        // Kusari's thread pool (spin, then sleep), shared by the split matrix products and parallel loops.
        .target(name: "CWorkPool", path: "Sources/CWorkPool"),
        // A whole LSTM layer through oneDNN's LSTM primitive (Debian: libdnnl-dev), as PyTorch's nn.LSTM.
        .target(name: "CDNNLKernels", path: "Sources/CDNNLKernels", linkerSettings: [.linkedLibrary("dnnl")]),
        // The layers of the library, bottom to top. A target may import only those listed in its
        // dependencies, so the compiler keeps the architecture (Docs/Architecture.md).
        .target(
            name: "KusariCore",
            dependencies: ["CBLAS", "CMalloc", "CWorkPool", .product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "KusariNN",
            dependencies: ["KusariCore", "CLSTMKernels", "CDNNLKernels", .product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "KusariData",
            dependencies: [
                "KusariCore", .product(name: "RealModule", package: "swift-numerics"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        ),
        .target(
            name: "KusariIO",
            dependencies: [
                "KusariCore", "KusariNN", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                "CInflate",
            ]
        ),
        .target(name: "KusariPlot", dependencies: ["KusariCore", "CGnuplot"]),
        .target(
            name: "KusariTraining",
            dependencies: ["KusariCore", "KusariNN", "KusariData", "KusariIO", "KusariPlot"]
        ),
        // The umbrella: `import Kusari` re-exports every layer above.
        .target(
            name: "Kusari",
            dependencies: ["KusariCore", "KusariNN", "KusariData", "KusariIO", "KusariPlot", "KusariTraining"]
        ),
        .target(name: "KusariTesting", dependencies: ["KusariCore", "KusariNN"]),
        .executableTarget(
            name: "KusariBenchmarks",
            dependencies: ["Kusari", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           "KusariDistributed"]
        ),
        // Mutation fuzzing of the .npy/.npz/CSV readers, one child process per batch (Docs/Fuzzing.md).
        .executableTarget(
            name: "KusariFuzz",
            dependencies: [
                "Kusari", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The tutorials: one executable each, sharing a small support library (options, metrics.json).
        .target(
            name: "TutorialSupport",
            dependencies: ["Kusari", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tutorials/TutorialSupport"
        ),
        .executableTarget(
            name: "NoisySineRNN",
            dependencies: ["Kusari", "TutorialSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tutorials/NoisySineRNN"
        ),
        .executableTarget(
            name: "SineCosineLSTM",
            dependencies: ["Kusari", "TutorialSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tutorials/SineCosineLSTM"
        ),
        .executableTarget(
            name: "StatefulRNN",
            dependencies: ["Kusari", "TutorialSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tutorials/StatefulRNN",
            exclude: ["DATA.md"],
            resources: [.copy("seattle-temps.csv"), .copy("sf-temps.csv")]
        ),
        .executableTarget(
            name: "AutodiffGraph",
            dependencies: ["Kusari", "TutorialSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tutorials/AutodiffGraph"
        ),
        // icu-mortality-lstm (issue 11): variable-length sequences, masking, ROC/AUC.
        .executableTarget(
            name: "ICUMortalityLSTM",
            dependencies: ["Kusari", "TutorialSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tutorials/ICUMortalityLSTM",
            exclude: ["DATA.md", "regenerate-pbcseq.sh"],
            resources: [.copy("pbcseq.csv")]
        ),
        .testTarget(
            name: "TutorialTests",
            dependencies: ["NoisySineRNN", "SineCosineLSTM", "StatefulRNN", "TutorialSupport", "Kusari",
                           "ICUMortalityLSTM", "KusariTestFixtures"]
        ),
        // Tests mirror the layers; KusariTestFixtures holds the seeded inputs and small models they share.
        .target(name: "KusariTestFixtures", dependencies: ["Kusari", "KusariTesting"], path: "Tests/KusariTestFixtures"),
        .testTarget(name: "KusariCoreTests", dependencies: ["Kusari", "KusariTesting", "KusariTestFixtures"]),
        .testTarget(name: "KusariNNTests", dependencies: ["Kusari", "KusariTesting", "KusariTestFixtures"]),
        .testTarget(name: "KusariDataTests", dependencies: ["Kusari", "KusariTesting", "KusariTestFixtures"]),
        .testTarget(
            name: "KusariIOTests", dependencies: ["Kusari", "KusariTesting", "KusariTestFixtures"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "KusariPlotTests", dependencies: ["Kusari", "KusariTesting", "KusariTestFixtures"]),
        .testTarget(name: "KusariTrainingTests", dependencies: ["Kusari", "KusariTesting", "KusariTestFixtures"]),
        .testTarget(name: "KusariTests", dependencies: ["Kusari", "KusariTesting"]),
        // Data-parallel training over MPI (issue 13). Open MPI's C API through a shim (Debian:
        // libopenmpi-dev); only KusariDistributed and the programs below link MPI, never the core.
        .systemLibrary(
            name: "CMPI", path: "Sources/CMPI", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev"])]
        ),
        .target(name: "KusariDistributed", dependencies: ["CMPI", "KusariCore", "KusariNN", "KusariData", "KusariTraining"]),
        .testTarget(name: "KusariDistributedTests", dependencies: ["KusariDistributed", "Kusari", "KusariTesting"]),
        // Checks that need several ranks: run by scripts/test-mpi.sh under mpirun (make test).
        .executableTarget(
            name: "KusariMPITests", dependencies: ["KusariDistributed", "Kusari"], path: "Tests/KusariMPITests"
        ),
        .executableTarget(
            name: "DistributedSine", dependencies: ["KusariDistributed", "Kusari"], path: "Examples/DistributedSine"
        ),
        // Issue 12 (bearing anomaly lab): FFTW and LAPACKE (Debian: libfftw3-dev, liblapacke-dev), the
        // KusariSignal layer over them (real FFT, symmetric eigen-decomposition, PCA), and the tutorial.
        .systemLibrary(name: "CFFTW", path: "Sources/CFFTW", pkgConfig: "fftw3"),
        .systemLibrary(name: "CLAPACKE", path: "Sources/CLAPACKE", pkgConfig: "lapacke"),
        .target(name: "KusariSignal", dependencies: ["KusariCore", "CFFTW", "CLAPACKE"]),
        .testTarget(name: "KusariSignalTests", dependencies: ["KusariSignal", "Kusari", "KusariTesting"]),
        .executableTarget(
            name: "BearingAnomalyVAE",
            dependencies: ["Kusari", "KusariSignal", "TutorialSupport",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           "KusariDistributed"],   // issue 13: `--distributed` under mpirun
            path: "Tutorials/BearingAnomalyVAE"
        ),
        .testTarget(name: "BearingAnomalyVAETests", dependencies: ["BearingAnomalyVAE", "Kusari"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
