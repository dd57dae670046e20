// Kusari (鎖, "chain"): the umbrella module. `import Kusari` brings every layer of the library:
//
//   KusariCore      NDArray, RandomGenerator, Variable, FunctionNode, backward, configuration
//   KusariNN        differentiable functions, links (layers), initializers, optimizers and hooks
//   KusariData      datasets, transforms, CSV loading, iterators
//   KusariIO        NumPy .npy/.npz files, saving links and optimizers
//   KusariPlot      figures drawn by gnuplot
//   KusariTraining  updaters, Trainer, triggers, extensions
//
// Import a single layer instead (e.g. `import KusariCore` for autodiff alone) to link less.

@_exported import KusariCore
@_exported import KusariNN
@_exported import KusariData
@_exported import KusariIO
@_exported import KusariPlot
@_exported import KusariTraining
