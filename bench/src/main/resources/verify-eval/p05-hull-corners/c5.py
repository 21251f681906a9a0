import sys
def cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
d = list(map(int, sys.stdin.read().split()))
pts = sorted(set((d[1 + 2 * i], d[2 + 2 * i]) for i in range(d[0])))
def half(points):
    h = []
    for p in points:
        while len(h) >= 2 and cross(h[-2], h[-1], p) <= 0:
            h.pop()
        h.append(p)
    return h
hull = half(pts)[:-1] + half(pts[::-1])[:-1]
print(len(hull))
