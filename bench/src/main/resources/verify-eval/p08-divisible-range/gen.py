import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 31 + len(size))
q, hi = {'small': (5, 30), 'medium': (300, 10**9), 'max': (100000, 10**18)}[size]
print(q)
for _ in range(q):
    k = random.randint(1, 10 if random.random() < 0.6 else hi)
    a = random.randint(0, hi)
    if random.random() < 0.4:
        a = a // k * k
    b = random.randint(a, min(hi, a + (40 if size == 'small' else hi)))
    print(a, b, k)
