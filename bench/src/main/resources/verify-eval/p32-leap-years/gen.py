import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 149 + len(size))
t, hi, span = {'small': (5, 3000, 300), 'medium': (500, 10**6, 10**5), 'max': (100000, 10**18, 10**18)}[size]
print(t)
for _ in range(t):
    a = random.randint(1, hi)
    if random.random() < 0.4:
        a = max(1, a // 100 * 100)
    print(a, min(hi, a + random.randint(0, span)))
