// The experiment's settings in one place: the blog's values, plus what the command line changes.

/// Everything one run of the tutorial depends on.
struct Settings {
    /// Seeds the weights (the same initial weights for both variants) and the synthetic series.
    var seed: UInt64 = 0
    /// Training epochs (the blog: 3).
    var epochs = 3
    /// Windows per batch (the blog: 6, the same as the window length).
    var batchSize = 6
    /// Hours per window (the blog's `timesteps`): 6 hours predict the 7th.
    var timesteps = 6
    /// Hours of Seattle data to use (nil: all 8,759). The tests use fewer to stay fast.
    var seattleHours: Int?
    /// Hours of synthetic data (ten years by default).
    var syntheticHours = 87_600
    /// The first hour of the predicted week: 4,343 is 1 July 2010, 00:00 in Seattle's file.
    var weekStart = 4_343
    /// The week's length in hours.
    var weekHours = 168
    /// Hours the stateful model reads before the week to build up its state.
    var warmUpHours = 168
    /// The week's date, for titles and the summary.
    var weekName = "1–7 July 2010"

    /// The settings as they go into metrics.json.
    var json: [String: Any] {
        [
            "seed": seed, "epochs": epochs, "batch_size": batchSize, "timesteps": timesteps, "horizon_hours": 1,
            "model": "SimpleRNN(1→10, tanh) → Linear(10→10) + tanh → Linear(10→1); Glorot-uniform kernels, "
                + "orthogonal recurrent kernel, zero biases",
            "loss": "mean squared error on the standardised series (z-score over the whole series, ddof 0)",
            "optimizer": ["name": "RMSprop", "lr": 1e-3, "rho": 0.9, "eps": 1e-7,
                          "epsilon_placement": "inside the square root (Keras 3)"] as [String: Any],
            "stateless_batches": "SerialIterator over the windows in order (no shuffling): batch k = windows 6k…6k+5",
            "stateful_batches": "ParallelSequentialIterator(batchSize: 6, timesteps: 6, everyOffset: true): "
                + "6 streams, each epoch 6 passes shifted by one hour; state reset at every pass",
            "stateful_keras_layout_batches": "the stateless batches with the state carried (Seattle only): "
                + "window 6k+j+6 continues window 6k+j because batch size = timesteps = 6; reset every epoch",
            "weights": "the same initial weights (drawn from the seed) for every run",
            "week": ["start_hour": weekStart, "hours": weekHours, "warm_up_hours": warmUpHours,
                     "name": weekName] as [String: Any],
        ]
    }
}
