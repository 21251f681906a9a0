import sys
def cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
d = list(map(int, sys.stdin.read().split()))
pts = sorted((d[1 + 2 * i], d[2 + 2 * i]) for i in range(d[0]))
if len(pts) <= 2:
    print(len(pts)); sys.exit()
lo, up = [], []
for p in pts:
    while len(lo) >= 2 and cross(lo[-2], lo[-1], p) < 0:
        lo.pop()
    lo.append(p)
for p in reversed(pts):
    while len(up) >= 2 and cross(up[-2], up[-1], p) < 0:
        up.pop()
    up.append(p)
print(len(set(lo[:-1] + up[:-1])))
