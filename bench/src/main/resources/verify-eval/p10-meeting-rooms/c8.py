import sys
d = list(map(int, sys.stdin.read().split()))
segs = sorted(((d[1 + 2 * i], d[2 + 2 * i]) for i in range(d[0])), key=lambda s: s[1] - s[0])
taken = []
for l, r in segs:
    if all(r < a or l > b for a, b in taken):
        taken.append((l, r))
print(len(taken))
