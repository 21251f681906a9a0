import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 43 + len(size))
n, hi = {'small': (random.randint(1, 10), 4), 'medium': (1000, 50), 'max': (50000, 10**9 if seed == 1 else 1000)}[size]
print(n)
print(*[random.randint(1, hi) for _ in range(n)])
