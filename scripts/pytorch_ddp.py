"""PyTorch DistributedDataParallel on the w4 model, for `kusari-bench ddp` (Docs/Distributed.md).

One training step of LSTM(32 -> H) over 50 steps + Linear(H -> 1) on the last output, MSE, backward,
Adam, with the global batch of 64 split over `--world` processes (gloo backend, CPU, one thread each).
Rank 0 prints one JSON line: {"framework": "pytorch-ddp", "H": ..., "ranks": ..., "median_ms": ...}.
A cross-check only: PyTorch is never a dependency of Kusari.
"""
import argparse
import json
import os
import socket
import statistics
import time

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn as nn


class W4(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.lstm = nn.LSTM(32, hidden)
        self.readout = nn.Linear(hidden, 1)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.readout(out[-1])


def worker(rank, world, hidden, repeats, port):
    os.environ["MASTER_ADDR"] = "127.0.0.1"
    os.environ["MASTER_PORT"] = str(port)
    torch.set_num_threads(1)
    dist.init_process_group("gloo", rank=rank, world_size=world)
    torch.manual_seed(0)
    model = nn.parallel.DistributedDataParallel(W4(hidden))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    batch = 64 // world
    torch.manual_seed(1 + rank)
    x = torch.randn(50, batch, 32)
    t = torch.randn(batch, 1)
    times, cpu = [], []
    for i in range(3 + repeats):
        start, cpu_start = time.perf_counter(), time.thread_time()
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x), t)
        loss.backward()
        optimizer.step()
        if i >= 3:
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - cpu_start) * 1000)
    if rank == 0:
        print(json.dumps({"framework": "pytorch-ddp", "H": hidden, "ranks": world,
                          "median_ms": round(statistics.median(times), 3), "min_ms": round(min(times), 3),
                          "cpu_median_ms": round(statistics.median(cpu), 3),
                          "torch": torch.__version__}), flush=True)
    dist.destroy_process_group()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--world", type=int, default=2)
    parser.add_argument("--hidden", type=int, default=512)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    mp.spawn(worker, args=(args.world, args.hidden, args.repeats, free_port()), nprocs=args.world, join=True)
