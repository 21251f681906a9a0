import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 59 + len(size))
n, span, ln = {'small': (random.randint(1, 6), 10, 3), 'medium': (300, 3000, 15), 'max': (10000, 10000, 3)}[size]
iv = []
for _ in range(n):
    s = random.randint(0, span)
    iv.append([s, min(span, s + random.randint(0, ln))])
print('intervals = [%s]' % ','.join('[%d,%d]' % (a, b) for a, b in iv))
