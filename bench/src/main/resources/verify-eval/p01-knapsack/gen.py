import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 7 + len(size))
n, W = {'small': (random.randint(1, 8), random.randint(1, 20)), 'medium': (50, 1000), 'max': (100, 10000)}[size]
print(n, W)
for _ in range(n):
    print(random.randint(1, max(1, W // 3)), random.randint(1, 10**6 if size != 'small' else 20))
