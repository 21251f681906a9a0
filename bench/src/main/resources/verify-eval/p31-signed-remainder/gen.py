import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 139 + len(size))
n, hi, m = {'small': (random.randint(1, 5), 9, random.randint(1, 12)), 'medium': (1000, 10**6, random.randint(1, 10**6)), 'max': (100000, 10**9, random.randint(1, 10**9))}[size]
d = [random.randint(-hi, hi // (3 if seed != 1 else 1)) for _ in range(n)]
print(n, m)
print(*d)
