import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 109 + len(size))
n, hi = {'small': (random.randint(1, 8), 3), 'medium': (2000, 20), 'max': (100000, 30000 if seed == 1 else 50)}[size]
print(n)
print(*[random.randint(1, hi) for _ in range(n)])
