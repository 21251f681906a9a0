import sys
d = list(map(int, sys.stdin.read().split()))
n = d[0]
jobs = [(d[1 + 2 * i], d[2 + 2 * i]) for i in range(n)]
done = [False] * n
t, order = 0, []
while len(order) < n:
    waiting = [i for i in range(n) if not done[i] and jobs[i][0] <= t]
    if not waiting:
        t = min(jobs[i][0] for i in range(n) if not done[i])
        continue
    best = min(waiting, key=lambda i: (jobs[i][1], i))
    done[best] = True
    order.append(best + 1)
    t += jobs[best][1]
print(' '.join(map(str, order)))
