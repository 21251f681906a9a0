import sys
d = list(map(int, sys.stdin.buffer.read().split()))
n, m = d[0], d[1]
edges = sorted((d[4 + 3 * i], d[2 + 3 * i], d[3 + 3 * i]) for i in range(m))
parent = list(range(n + 1))
def find(x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
cost, parts = 0, n
for w, u, v in edges:
    a, b = find(u), find(v)
    if a != b:
        parent[a] = b
        cost += w
        parts -= 1
print(cost if parts == 1 else -1)
