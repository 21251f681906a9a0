import sys
def cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
d = list(map(int, sys.stdin.read().split()))
pts = sorted((d[1 + 2 * i], d[2 + 2 * i]) for i in range(d[0]))
if len(pts) <= 2:
    print(len(pts)); sys.exit()
lower, upper = [], []
for p in pts:
    while len(lower) >= 2 and cross(lower[-2], lower[-1], p) < 0:
        lower.pop()
    lower.append(p)
for p in reversed(pts):
    while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
        upper.pop()
    upper.append(p)
print(len(lower) + len(upper) - 2)
