import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 61 + len(size))
n = {'small': random.randint(1, 12), 'medium': 200, 'max': 2000}[size]
alphabet = '1121226000' if seed == 2 else '112122345670' if seed == 3 else '1121223456789'
s = ''.join(random.choice(alphabet) for _ in range(n))
print('s = "%s"' % s)
