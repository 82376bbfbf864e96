(display (* 2305843009213693951 2))
(lambda (n) #t)
