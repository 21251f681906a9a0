import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 19 + len(size))
n, span = {'small': (random.randint(1, 8), 3), 'medium': (1000, 30), 'max': (30000, 10**9)}[size]
pts = set()
if size == 'max' and seed == 2:
    while len(pts) < n:
        pts.add((random.randint(0, 300), random.randint(0, 300)))
while len(pts) < n:
    pts.add((random.randint(-span, span), random.randint(-span, span)))
print(n)
for x, y in pts:
    print(x, y)
