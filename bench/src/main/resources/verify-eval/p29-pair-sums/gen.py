import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 131 + len(size))
n, hi = {'small': (random.randint(1, 8), 5), 'medium': (3000, 40), 'max': (200000, 2 if seed == 1 else 10**9)}[size]
a = [random.randint(1, hi) for _ in range(n)]
K = 2 * random.choice(a) if random.random() < 0.6 else random.choice(a) + random.choice(a)
print(n, K)
print(*a)
