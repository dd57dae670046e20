# Teacher's answers, bearing exercise 4: is sigma14's attractor larger, or only faster?
# Replicates LorenzBearing.simulate (explicit Euler, h = 0.008, x then y then z, start (2, 3, 4)) and the
# tutorial's Part 2 windows (100 samples, healthy test = samples 30,000..60,000, faults 30,000 samples),
# with 2 % Gaussian observation noise from NumPy (not Kusari's stream: last digits differ from the tutorial).
import numpy as np
def simulate(n, s=10., r=28., b=8/3, h=0.008):
    out = np.empty((n, 3)); x, y, z = 2., 3., 4.
    for i in range(n):
        x = x + h*s*(y-x); y = y + h*(x*(r-z)-y); z = z + h*(x*y-b*z); out[i] = (x, y, z)
    return out
rng = np.random.default_rng(0)
def noisy(a): return a + 0.02*a.std(axis=0)*rng.standard_normal(a.shape)
def wins(a, L=100): n = (len(a)-L)//L+1; return np.stack([a[i*L:i*L+L] for i in range(n)])
def auc(neg, pos):
    s = np.concatenate([neg, pos]); ranks = s.argsort().argsort()+1.0
    # average ranks for ties are irrelevant for continuous scores
    return (ranks[len(neg):].sum() - len(pos)*(len(pos)+1)/2) / (len(neg)*len(pos))
healthy = noisy(simulate(60000))[30000:]
runs = {"healthy": healthy}
for name, (s, r, b) in {"rho35": (10,35,8/3), "sigma14": (14,28,8/3), "rho30": (10,30,8/3)}.items():
    runs[name] = noisy(simulate(30000, s, r, b))
W = {k: wins(v) for k, v in runs.items()}
def amp(w): return w.reshape(len(w), -1).std(axis=1)
def axis_std(w): return w.std(axis=1)            # (n, 3): per window, per axis
def mm(w):
    lo = w.min(axis=1, keepdims=True); hi = w.max(axis=1, keepdims=True); return (w-lo)/np.maximum(hi-lo, 1e-12)
def speed(w):   # mean |Δ| per sample of the min-max scaled window, averaged over axes: what the models can see
    return np.abs(np.diff(mm(w), axis=1)).mean(axis=(1, 2))
def centroid(w):  # spectral centroid of x (cycles per 100 samples), raw window minus its mean
    x = w[:, :, 0] - w[:, :, 0].mean(axis=1, keepdims=True)
    p = np.abs(np.fft.rfft(x, axis=1))**2; f = np.arange(p.shape[1])
    return (p*f).sum(axis=1)/p.sum(axis=1)
def zero_cross(a):  # lobe switches of x per 1,000 samples over the whole run
    return np.count_nonzero(np.diff(np.sign(a[:, 0]))) / len(a) * 1000
print("run       whole-run std x/y/z          mean z   window amp (median)  amp AUC  speed AUC  centroid AUC  lobe switches/1000")
for k, w in W.items():
    a = runs[k]; sd = a.std(axis=0)
    line = f"{k:8s} {sd[0]:6.2f} {sd[1]:6.2f} {sd[2]:6.2f}   {a[:,2].mean():6.2f}   {np.median(amp(w)):7.2f}"
    if k != "healthy":
        h = W["healthy"]
        line += f"   {auc(amp(h), amp(w)):6.3f}   {auc(speed(h), speed(w)):6.3f}     {auc(centroid(h), centroid(w)):6.3f}"
    else:
        line += " " * 36
    line += f"   {zero_cross(a):6.2f}"
    print(line)
for k, w in W.items():
    s = axis_std(w); print(f"{k:8s} per-window per-axis std, median x/y/z {np.median(s[:,0]):.2f} {np.median(s[:,1]):.2f} {np.median(s[:,2]):.2f};"
                           f" mean |Δ| scaled {speed(w).mean():.4f}; x centroid {centroid(w).mean():.2f}; mean |dx|/sample raw {np.abs(np.diff(w[:,:,0],axis=1)).mean():.3f}")
def amp_centered(w): return np.sqrt((w.std(axis=1)**2).mean(axis=1))   # per-axis std, axis means removed
def zmean(w): return w[:, :, 2].mean(axis=1)
def switches(w): return np.count_nonzero(np.diff(np.sign(w[:, :, 0]), axis=1), axis=1)
h = W["healthy"]
for k in ["rho35", "sigma14", "rho30"]:
    w = W[k]
    print(f"{k}: AUC per-axis-centred std {auc(amp_centered(h), amp_centered(w)):.3f}; z mean {auc(zmean(h), zmean(w)):.3f}; "
          f"x sign changes per window {auc(switches(h)+1e-6*rng.random(len(h)), switches(w)+1e-6*rng.random(len(w))):.3f} "
          f"(mean {switches(h).mean():.2f} vs {switches(w).mean():.2f})")
# Longer windows: does timing become visible? sign changes of x per 1,000-sample window
def wins_len(a, L): n = len(a)//L; return np.stack([a[i*L:i*L+L] for i in range(n)])
for L in [100, 300, 1000]:
    hh = wins_len(runs["healthy"], L); ss = wins_len(runs["sigma14"], L)
    print(f"window {L}: sigma14 AUC amplitude {auc(amp(hh), amp(ss)):.3f}, x sign changes {auc(switches(hh)+1e-6*rng.random(len(hh)), switches(ss)+1e-6*rng.random(len(ss))):.3f}, n {len(hh)}/{len(ss)}")
