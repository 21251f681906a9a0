import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 89 + len(size))
n, hi = {'small': (random.randint(1, 8), 4), 'medium': (2000, 100), 'max': (80000, 10**9)}[size]
a = [random.randint(1, hi) for _ in range(n)]
if size == 'max' and seed != 3:
    a.sort(reverse=True)
    for _ in range(n // 20):
        i, j = random.randrange(n), random.randrange(n)
        a[i], a[j] = a[j], a[i]
print(n)
print(*a)
