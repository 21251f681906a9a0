import sys
rows = sys.stdin.read().split('\n')
n, m = map(int, rows[0].split())
edges = sorted((r.split() for r in rows[1:m + 1]), key=lambda e: e[2])
parent = list(range(n + 1))
def find(x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
cost, parts = 0, n
for u, v, w in edges:
    a, b = find(int(u)), find(int(v))
    if a != b:
        parent[a] = b
        cost += int(w)
        parts -= 1
print(cost if parts == 1 else -1)
