import sys
d = list(map(int, sys.stdin.read().split()))
n, W = d[0], d[1]
reach = {0: 0}
for i in range(n):
    w, v = d[2 + 2 * i], d[3 + 2 * i]
    nxt = dict(reach)
    for cw, cv in reach.items():
        if cw + w <= W and nxt.get(cw + w, -1) < cv + v:
            nxt[cw + w] = cv + v
    reach = nxt
print(max(reach.values()))
