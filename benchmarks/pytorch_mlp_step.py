#!/usr/bin/env python3
"""PyTorch CPU side of the `mlp_step` benchmark: one training step (forward, loss, backward with parameter
gradients; no optimizer update) of Linear(k, n) -> ReLU -> Linear(n, 10) -> softmax cross-entropy, float32,
one thread. Mirrors Simd's `mlp_step` (m = batch, k = input width, n = hidden width).

Run with Debian's python3-torch:  /usr/bin/python3 benchmarks/pytorch_mlp_step.py
Prints one line per shape with the median over repeated timed batches.
"""
import statistics
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(0)

SHAPES = [(64, 64, 128), (128, 784, 256)]  # (batch m, input k, hidden n)


def step_time(m, k, n, classes=10, reps=200, rounds=15):
    model = torch.nn.Sequential(torch.nn.Linear(k, n), torch.nn.ReLU(), torch.nn.Linear(n, classes))
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.randn(m, k)
    y = torch.randint(0, classes, (m,))

    def step():
        for p in model.parameters():
            p.grad = None
        loss = loss_fn(model(x), y)
        loss.backward()
        return loss

    for _ in range(50):  # warm-up
        step()
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(reps):
            step()
        samples.append((time.perf_counter() - t0) / reps)
    return statistics.median(samples)


if __name__ == "__main__":
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    for m, k, n in SHAPES:
        t = step_time(m, k, n)
        flops = 2 * m * k * n * 2 + 2 * m * n * 10 * 3  # fwd + dW for layer 1; fwd + dW + dX for layer 2
        print(f"pytorch mlp_step m={m} k={k} n={n} f32 threads=1 median={t * 1e6:.1f} us  ({flops / t / 1e9:.2f} GFLOP/s)")
