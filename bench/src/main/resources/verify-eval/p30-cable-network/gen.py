import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 137 + len(size))
n, m, hi = {'small': (random.randint(1, 5), random.randint(0, 7), 9), 'medium': (500, 1500, 1000), 'max': (30000, 60000, 10**9)}[size]
edges = []
if size == 'max' and seed == 1:
    edges = [(i, i + 1, random.randint(1, hi)) for i in range(1, n)]
    m = len(edges)
elif size != 'small' and seed != 2:
    edges = [(random.randint(1, i - 1), i, random.randint(1, hi)) for i in range(2, n + 1)]
while len(edges) < m:
    edges.append((random.randint(1, n), random.randint(1, n), random.randint(1, hi)))
random.shuffle(edges)
print(n, len(edges))
for e in edges:
    print(*e)
