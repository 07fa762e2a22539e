// The source scripts/peers/function_names.js minifies with terser (scripts/peers.sh node): each
// kind of function a stack trace names, each calling `fail` with the name a symbolicated frame
// must get back. test_symbolicate.py and SymbolicateCliTest run the bundle's V8 trace through
// `tandem symbolicate`.
(function () {
  "use strict";

  function fail(label) {
    throw new Error(label);
  }

  function computeTotal(items) {
    let total = 0;
    for (const item of items) {
      total += item.price;
    }
    if (total > 100) {
      fail("computeTotal");
    }
    return total;
  }

  const formatPrice = (value) => {
    const text = value.toFixed(2);
    if (value < 0) {
      fail("formatPrice");
    }
    return "$" + text;
  };

  const halve = (value) => (value % 2 ? fail("halve") : value / 2);

  class ShoppingCart {
    constructor(owner) {
      this.owner = owner;
      if (!owner) {
        fail("ShoppingCart");
      }
    }

    checkout(items) {
      const total = computeTotal(items);
      if (total === 0) {
        fail("checkout");
      }
      return formatPrice(halve(total));
    }

    get size() {
      return fail("size");
    }

    static restore(state) {
      return state ? new ShoppingCart(state.owner) : fail("restore");
    }
  }

  const registry = {
    carts: [],
    register: function (cart) {
      if (!cart) {
        fail("register");
      }
      this.carts.push(cart);
      return cart;
    },
    find(owner) {
      return this.carts.find((cart) => cart.owner === owner) || fail("find");
    },
  };

  globalThis.shapes = {
    computeTotal,
    formatPrice,
    halve,
    registry,
    ShoppingCart,
    openCart: (owner) => registry.register(new ShoppingCart(owner)),
  };
})();
