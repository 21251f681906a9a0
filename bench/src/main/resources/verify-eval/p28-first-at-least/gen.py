import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 127 + len(size))
n, q, hi = {'small': (random.randint(1, 6), 4, 6), 'medium': (1000, 1000, 300), 'max': (100000, 100000, 10**9)}[size]
a = sorted(random.randint(1, hi) for _ in range(n))
if size == 'max' and seed == 1:
    a = [1] * (n - 1) + [10**9]
print(n, q)
print(*a)
for _ in range(q):
    print(random.choice(a) if random.random() < 0.5 else random.randint(1, hi))
