/* Linked structures for the reverse-mode memory programs: a singly linked
 * list and a binary tree of doubles, built in caller-owned pools, with a
 * shadow structure that mirrors the primal one (each shadow node's links
 * point to the corresponding shadow nodes, and its values start at 0). */
#ifndef RM_LIST_H
#define RM_LIST_H

struct node {
  double v;
  struct node *next;
};
struct tnode {
  double v;
  struct tnode *left, *right;
};

/* nodes[0] -> nodes[1] -> ... -> nodes[n-1] -> NULL, values vals[i] */
static inline struct node *rm_list(struct node *nodes, const double *vals, int n) {
  for (int i = 0; i < n; ++i) {
    nodes[i].v = vals ? vals[i] : 0.0;
    nodes[i].next = i + 1 < n ? &nodes[i + 1] : 0;
  }
  return n ? &nodes[0] : 0;
}

/* a complete binary tree in heap order: children of i are 2i+1, 2i+2 */
static inline struct tnode *rm_tree(struct tnode *t, const double *vals, int n) {
  for (int i = 0; i < n; ++i) {
    t[i].v = vals ? vals[i] : 0.0;
    t[i].left = 2 * i + 1 < n ? &t[2 * i + 1] : 0;
    t[i].right = 2 * i + 2 < n ? &t[2 * i + 2] : 0;
  }
  return n ? &t[0] : 0;
}

#endif
