import sys
d = list(map(int, sys.stdin.read().split()))
n, S, coins = d[0], d[1], d[2:2 + d[0]]
INF = float('inf')
best = [0] + [INF] * S
for s in range(1, S + 1):
    for c in coins:
        if c <= s and best[s - c] + 1 < best[s]:
            best[s] = best[s - c] + 1
print(best[S] if best[S] != INF else -1)
