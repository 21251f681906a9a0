import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 107 + len(size))
n = {'small': random.randint(1, 9), 'medium': 3000, 'max': 200000}[size]
alpha = 'abcd' if size == 'small' else 'abcdefghijklmnopqrstuvwxyz'[:random.choice([5, 12, 26])]
print(''.join(random.choice(alpha) for _ in range(n)))
