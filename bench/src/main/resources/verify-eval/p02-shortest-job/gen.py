import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 11 + len(size))
n = {'small': random.randint(1, 7), 'medium': 1000, 'max': 50000}[size]
span = {'small': 10, 'medium': 3000, 'max': 10**9}[size]
a = sorted(random.randint(0, span) for _ in range(n))
print(n)
for x in a:
    print(x, random.randint(1, 10 if size == 'small' else 10**4))
