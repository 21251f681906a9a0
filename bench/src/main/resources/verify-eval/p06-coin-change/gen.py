import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 23 + len(size))
n, S, hi = {'small': (random.randint(1, 4), random.randint(0, 30), 12), 'medium': (10, 2000, 300), 'max': (50, 10000, 10000)}[size]
coins = random.sample(range(1, hi + 1), min(n, hi))
print(len(coins), S)
print(*coins)
