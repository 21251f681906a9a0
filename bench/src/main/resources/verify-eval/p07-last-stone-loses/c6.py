import sys
d = sys.stdin.read().split()
for i in range(int(d[0])):
    n, k = int(d[1 + 2 * i]), int(d[2 + 2 * i])
    lose = [False] * (n + 1)
    lose[1] = True
    for m in range(2, n + 1):
        lose[m] = not any(lose[m - t] for t in range(1, min(k, m - 1) + 1))
    print('Second' if lose[n] else 'First')
