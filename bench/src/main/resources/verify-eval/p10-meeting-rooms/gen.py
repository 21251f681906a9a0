import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 41 + len(size))
n, span, ln = {'small': (random.randint(1, 8), 12, 4), 'medium': (1000, 5000, 60), 'max': (50000, 10**9, 10**5)}[size]
print(n)
for _ in range(n):
    l = random.randint(0, span)
    print(l, min(span, l + random.randint(0, ln)))
