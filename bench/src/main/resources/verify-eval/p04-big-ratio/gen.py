import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 17 + len(size))
t = {'small': 5, 'medium': 200, 'max': 10000}[size]
hi = {'small': 100, 'medium': 10**12, 'max': 10**18}[size]
print(t)
for _ in range(t):
    print(random.randint(1, hi), random.randint(1, hi), random.randint(1, hi if random.random() < 0.5 else 1000))
