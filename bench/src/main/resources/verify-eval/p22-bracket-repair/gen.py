import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 97 + len(size))
n = {'small': random.randint(1, 6), 'medium': 2000, 'max': 200000}[size]
print(''.join(random.choice('()') for _ in range(n)))
