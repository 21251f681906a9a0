import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 113 + len(size))
h, w = {'small': (random.randint(1, 4), random.randint(1, 4)), 'medium': (60, 80), 'max': (1000, 1000)}[size]
p = 0.15 if seed != 2 else 0.3
g = [['#' if random.random() < p else '.' for _ in range(w)] for _ in range(h)]
g[0][0] = '.'
g[h - 1][w - 1] = '.'
print(h, w)
for r in g:
    print(''.join(r))
