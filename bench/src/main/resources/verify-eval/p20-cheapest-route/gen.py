import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 83 + len(size))
n, m, hi = {'small': (random.randint(2, 5), random.randint(0, 8), 10), 'medium': (300, 1500, 1000), 'max': (50000, 100000, 10**9)}[size]
edges = []
for _ in range(m):
    u = random.randint(1, n); v = random.randint(1, n)
    edges.append((u, v, random.randint(1, hi)))
if size != 'small':
    for i in range(1, n):
        edges.append((i, i + 1, random.randint(hi // 2, hi)))
    edges = edges[:m] if size == 'max' else edges
    random.shuffle(edges)
print(n, len(edges))
for e in edges:
    print(*e)
