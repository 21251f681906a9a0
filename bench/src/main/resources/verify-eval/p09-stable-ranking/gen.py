import random, sys, string
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 37 + len(size))
n, hi = {'small': (random.randint(1, 7), 3), 'medium': (2000, 50), 'max': (50000, 10**9 if seed == 1 else 1000)}[size]
print(n)
for _ in range(n):
    print(''.join(random.choice('abcdefgh') for _ in range(random.randint(1, 4))), random.randint(0, hi))
