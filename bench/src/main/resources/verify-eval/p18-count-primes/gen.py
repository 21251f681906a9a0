import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 73 + len(size))
primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47]
if size == 'small':
    print('n = %d' % (random.choice(primes) if seed != 3 else random.randint(0, 50)))
elif size == 'medium':
    print('n = %d' % random.choice([997, 1009, 7919, 10007, random.randint(1000, 20000)]))
else:
    print('n = %d' % random.choice([2999999, 3000000, 2999957]))
