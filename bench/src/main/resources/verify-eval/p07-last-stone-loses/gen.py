import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 29 + len(size))
t, hi = {'small': (6, 12), 'medium': (500, 10**6), 'max': (100000, 10**18)}[size]
print(t)
for _ in range(t):
    k = random.randint(1, 6 if random.random() < 0.7 else hi)
    n = random.randint(1, hi)
    if random.random() < 0.3:
        n = random.randint(0, hi // (k + 1)) * (k + 1) + random.choice([0, 1])
        n = max(n, 1)
    print(n, k)
