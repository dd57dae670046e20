"""The kusari-bench workloads written in PyTorch, for scripts/compare-pytorch.sh.

Each prints one JSON line with the same fields as kusari-bench (workload, H, threads, median_ms, ...).
The models mirror Sources/KusariBenchmarks/RecurrentBenchmarks.swift: a cell called once per time step
(LSTMCell / RNNCell, as Kusari's stateful links are), plus nn.LSTM for w4 as PyTorch's fastest path.
"""
import argparse
import json
import math
import resource
import statistics
import time

import torch


def timed(fn, warmup, repeats):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def emit(workload, hidden, threads, times, **extra):
    line = {"workload": workload, "H": hidden, "threads": threads, "framework": "pytorch",
            "median_ms": round(statistics.median(times), 3), "min_ms": round(min(times), 3),
            "max_ms": round(max(times), 3), "repeats": len(times)}
    line.update({k: round(v, 3) for k, v in extra.items()})
    print(json.dumps(line, sort_keys=True), flush=True)


def w4(hidden, threads, fused):
    torch.manual_seed(0)
    batch, steps, inp = 64, 50, 32
    xs = torch.randn(steps, batch, inp)
    target = torch.randn(batch, 1)
    readout = torch.nn.Linear(hidden, 1)
    if fused:
        lstm = torch.nn.LSTM(inp, hidden)
        params = list(lstm.parameters()) + list(readout.parameters())
    else:
        cell = torch.nn.LSTMCell(inp, hidden)
        params = list(cell.parameters()) + list(readout.parameters())
    opt = torch.optim.Adam(params)

    def step():
        opt.zero_grad()
        if fused:
            out, _ = lstm(xs)
            h = out[-1]
        else:
            h = torch.zeros(batch, hidden)
            c = torch.zeros(batch, hidden)
            for x in xs:
                h, c = cell(x, (h, c))
        loss = torch.nn.functional.mse_loss(readout(h), target)
        loss.backward()
        opt.step()

    times = timed(step, 3, 20)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    emit("w4-nn.LSTM" if fused else "w4-LSTMCell", hidden, threads, times, peak_rss_mb=peak)


def w2(threads):
    torch.manual_seed(0)
    l1, cell, l3 = torch.nn.Linear(2, 100), torch.nn.LSTMCell(100, 100), torch.nn.Linear(100, 2)
    params = list(l1.parameters()) + list(cell.parameters()) + list(l3.parameters())
    opt = torch.optim.Adam(params)
    xs = torch.rand(11, 10, 2) * 1.6 - 0.8

    def step():
        opt.zero_grad()
        h = torch.zeros(10, 100)
        c = torch.zeros(10, 100)
        loss = 0
        for i in range(10):
            h, c = cell(l1(xs[i]), (h, c))
            loss = loss + torch.nn.functional.mse_loss(l3(h), xs[i + 1])
        loss.backward()
        opt.step()

    emit("w2", 100, threads, timed(step, 10, 200))


def w3(threads):
    torch.manual_seed(0)
    cell, dense, out = torch.nn.RNNCell(1, 10), torch.nn.Linear(10, 10), torch.nn.Linear(10, 1)
    params = list(cell.parameters()) + list(dense.parameters()) + list(out.parameters())
    opt = torch.optim.RMSprop(params, lr=1e-3, alpha=0.9, eps=1e-7)
    window = torch.randn(6, 6, 1)
    target = torch.randn(6, 1)
    state = {"h": torch.zeros(6, 10)}

    def step():
        opt.zero_grad()
        h = state["h"]
        for i in range(6):
            h = cell(window[:, i], h)
        loss = torch.nn.functional.mse_loss(out(torch.tanh(dense(h))), target)
        loss.backward()
        opt.step()
        state["h"] = h.detach()

    emit("w3", 10, threads, timed(step, 50, 2000))


def w1(threads):
    torch.manual_seed(0)
    cell, out = torch.nn.RNNCell(1, 20), torch.nn.Linear(20, 1)
    opt = torch.optim.Adam(list(cell.parameters()) + list(out.parameters()), lr=0.01)
    series = [math.sin(2 * math.pi * i / 100) for i in range(164)]
    x = torch.tensor([series[i:i + 20] for i in range(144)]).unsqueeze(-1)
    t = torch.tensor([series[i + 20] for i in range(144)]).unsqueeze(-1)

    def epoch():
        for start in range(0, 144, 10):
            xb, tb = x[start:start + 10], t[start:start + 10]
            opt.zero_grad()
            h = torch.zeros(xb.shape[0], 20)
            for i in range(20):
                h = cell(xb[:, i], h)
            loss = torch.nn.functional.mse_loss(out(h), tb)
            loss.backward()
            opt.step()

    emit("w1", 20, threads, timed(epoch, 3, 20))


def w6(threads, fused):
    """One epoch of the bearing lab's LSTM-VAE (kusari-bench w6): encoder LSTM(3 -> 32), mu and ln var
    heads (8), z = mu + exp(lnvar / 2) * eps, decoder state from Linear(8 -> 64), decoder LSTM(8 -> 32) fed z
    at every step, Gaussian mean and ln var heads per step; NLL + 0.1 KL per window, Adam(0.003), batch 32."""
    torch.manual_seed(0)
    count, steps, batch, hidden, latent = 1196, 100, 32, 32, 8
    if fused:
        enc, dec = torch.nn.LSTM(3, hidden, batch_first=True), torch.nn.LSTM(latent, hidden, batch_first=True)
    else:
        enc, dec = torch.nn.LSTMCell(3, hidden), torch.nn.LSTMCell(latent, hidden)
    heads = torch.nn.ModuleList([torch.nn.Linear(hidden, latent), torch.nn.Linear(hidden, latent),
                                 torch.nn.Linear(latent, 2 * hidden), torch.nn.Linear(hidden, 3),
                                 torch.nn.Linear(hidden, 3)])
    params = list(enc.parameters()) + list(dec.parameters()) + list(heads.parameters())
    opt = torch.optim.Adam(params, lr=0.003)
    windows = torch.rand(count, steps, 3)
    log2pi = math.log(2 * math.pi)

    def loss_of(x):
        n = x.shape[0]
        if fused:
            _, (h, _) = enc(x)
            h = h[0]
        else:
            h = c = torch.zeros(n, hidden)
            for t in range(steps):
                h, c = enc(x[:, t], (h, c))
        mu, lv = heads[0](h), heads[1](h)
        z = mu + torch.exp(0.5 * lv) * torch.randn_like(mu)
        c0, h0 = heads[2](z).chunk(2, dim=1)
        h0 = torch.tanh(h0)
        if fused:
            g, _ = dec(z.unsqueeze(1).expand(n, steps, latent).contiguous(), (h0.unsqueeze(0), c0.unsqueeze(0)))
        else:
            h, c, outs = h0, c0, []
            for t in range(steps):
                h, c = dec(z, (h, c))
                outs.append(h)
            g = torch.stack(outs, dim=1)
        xm, xv = heads[3](g), heads[4](g)
        nll = 0.5 * (log2pi + xv + (x - xm) ** 2 * torch.exp(-xv))
        kl = 0.5 * (mu * mu + torch.exp(lv) - lv - 1)
        return (nll.sum() + 0.1 * kl.sum()) / n

    def epoch():
        for start in range(0, count, batch):
            opt.zero_grad()
            loss_of(windows[start:start + batch]).backward()
            opt.step()

    cpu = []                                   # CPU time of this thread too: steadier on a busy machine

    def measured_epoch():
        start = time.thread_time()
        epoch()
        cpu.append((time.thread_time() - start) * 1000)

    wall = timed(measured_epoch, 1, 5)
    emit("w6" if fused else "w6-cell", hidden, threads, wall, cpu_median_ms=statistics.median(cpu[1:]))


def w5(threads, packed):
    """One epoch of the icu-mortality-lstm Part 1 model: 1,500 stays of 12-241 hourly steps (lengths drawn
    as the synthetic cohort's), 7 inputs, batch 128, LSTM(128) -> Linear(1) at every valid step, masked
    BCE, RMSprop(0.005). Input dropout 0.25 (nn.LSTM has no recurrent dropout). `packed`: through
    pack_padded_sequence; otherwise nn.LSTM over the padded batch."""
    g = torch.Generator().manual_seed(0)
    hours = torch.exp(math.log(48) + 0.6 * torch.randn(1500, generator=g)).clamp(12, 240)
    lengths = (hours.floor().long() + 1).tolist()
    labels = (torch.rand(1500, generator=g) < 0.15).float()
    torch.manual_seed(0)
    lstm, head = torch.nn.LSTM(7, 128, batch_first=True), torch.nn.Linear(128, 1)
    opt = torch.optim.RMSprop(list(lstm.parameters()) + list(head.parameters()), lr=0.005, alpha=0.9, eps=1e-7)
    batches = []
    for start in range(0, 1500, 128):
        lens = torch.tensor(lengths[start:start + 128])
        T = int(lens.max())
        x = torch.randn(len(lens), T, 7)
        mask = (torch.arange(T)[None, :] < lens[:, None]).float()
        target = labels[start:start + 128, None].expand(-1, T)
        batches.append((x, lens, mask, target))

    def epoch():
        for x, lens, mask, target in batches:
            opt.zero_grad()
            x = torch.nn.functional.dropout(x, 0.25, training=True)
            if packed:
                seq = torch.nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
                out, _ = lstm(seq)
                out, _ = torch.nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=x.shape[1])
            else:
                out, _ = lstm(x)
            logits = head(out).squeeze(-1)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, target, weight=mask, reduction="sum")
            (loss / mask.sum()).backward()
            opt.step()

    times = timed(epoch, 1, 3)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    emit("w5-packed" if packed else "w5-padded", 128, threads, times, valid_steps=sum(lengths), peak_rss_mb=peak)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--hidden", type=int, nargs="+", default=[128, 512])
    parser.add_argument("--only", choices=["w4", "w4-both", "w5", "w6"],
                        help="Run just this workload (w5 is not in the default set; w4-both: nn.LSTM and LSTMCell).")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.only == "w5":
        w5(args.threads, packed=True)
        w5(args.threads, packed=False)
        return
    if args.only == "w6":
        w6(args.threads, fused=True)
        w6(args.threads, fused=False)
        return
    if args.only in ("w4", "w4-both"):
        for hidden in args.hidden:
            w4(hidden, args.threads, fused=True)
            if args.only == "w4-both":
                w4(hidden, args.threads, fused=False)
        return
    for hidden in args.hidden:
        w4(hidden, args.threads, fused=True)
        w4(hidden, args.threads, fused=False)
    w2(args.threads)
    w3(args.threads)
    w1(args.threads)
    w6(args.threads, fused=True)
    w6(args.threads, fused=False)


if __name__ == "__main__":
    main()
