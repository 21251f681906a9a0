import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 71 + len(size))
n = {'small': random.randint(1, 8), 'medium': 200, 'max': 10000}[size]
if size == 'max' and seed == 1:
    s = '(' * 30 + '*' * (n - 60) + ')' * 30
else:
    s = ''.join(random.choice('()*') for _ in range(n))
    if size != 'small':
        k = n // 2
        s = '(' * (k // 2) + ''.join(random.choice('()**') for _ in range(n - k)) + ')' * (k // 2)
print('s = "%s"' % s)
