"""Texts of the backprop pages, in English and Simplified Chinese (see ui/texts.py)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "backprop": {"en": "Backpropagation", "zh": "反向传播"},
    "bp_graph": {"en": "Computation graph", "zh": "计算图"},
    "bp_graph_sigmoid": {
        "en": "σ(wx + b), the course's autodiff example",
        "zh": "σ(wx + b)：讲义中的自动微分例子",
    },
    "bp_graph_add_mul": {
        "en": "(x + y) · z, the first chain-rule example",
        "zh": "(x + y) · z：链式法则的第一个例子",
    },
    "bp_graph_max_gate": {
        "en": "A max gate: max(x, y) · z",
        "zh": "max 门：max(x, y) · z",
    },
    "bp_graph_fan_in": {
        "en": "(x + y) / (2x + 3y): x and y used twice",
        "zh": "(x + y) / (2x + 3y)：x 和 y 各用了两次",
    },
    "bp_graph_neuron": {
        "en": "A sigmoid neuron with two inputs",
        "zh": "两个输入的 sigmoid 神经元",
    },
    "bp_inputs": {"en": "Inputs", "zh": "输入"},
    "bp_inputs_hint": {
        "en": "Numbers from {low} to {high}; press Enter to apply.",
        "zh": "取值范围{low}到{high}；按回车生效。",
    },
    "bp_refused_unreadable": {
        "en": "“{text}” is not a number; {name} stays {old}.",
        "zh": "“{text}”不是数字，{name}保持为{old}。",
    },
    "bp_refused_range": {
        "en": "{name} = {text} is outside [{low}, {high}]; {name} stays {old}.",
        "zh": "{name} = {text}超出范围 [{low}, {high}]，{name}保持为{old}。",
    },
    "bp_refused_undefined": {
        "en": "With {name} = {text} node {node} cannot be computed (a division "
        "by zero or an overflow): f is undefined there; {name} stays {old}.",
        "zh": "当{name} = {text}时节点{node}无法计算（除以零或溢出），"
        "f 在该处没有定义；{name}保持为{old}。",
    },
    "bp_unknown_graph": {
        "en": "There is no graph “{given}” (the link's g); showing {used}.",
        "zh": "没有名为“{given}”的计算图（链接中的 g），改为显示{used}。",
    },
    "bp_first": {"en": "Start", "zh": "开头"},
    "bp_prev": {"en": "Back", "zh": "上一步"},
    "bp_next": {"en": "Next", "zh": "下一步"},
    "bp_last": {"en": "End", "zh": "结尾"},
    "bp_step_count": {"en": "Step {k} of {n}", "zh": "第{k}步，共{n}步"},
    "bp_keys": {
        "en": "Keys: → next, ← back, Home and End jump to the ends (not while "
        "typing in a field).",
        "zh": "键盘：→ 下一步，← 上一步，Home 与 End 跳到两端"
        "（在输入框中打字时无效）。",
    },
    "bp_intro": {
        "en": "Forward pass: each node computes its value from its inputs (blue). "
        "Backward pass: from ∂f/∂f = 1 at the output, each node multiplies the "
        "gradient it has received by its local derivative and sends the product "
        "back along each input edge (red). This is the chain rule, one node at "
        "a time.",
        "zh": "前向传播：每个节点由它的输入算出自己的值（蓝色）。反向传播：从输出处的 "
        "∂f/∂f = 1 开始，每个节点把收到的梯度乘以自己的局部导数，再沿每条输入边"
        "传回去（红色）。这就是逐个节点应用的链式法则。",
    },
    "bp_at_inputs": {
        "en": "The inputs: {values}. Next starts the forward pass.",
        "zh": "输入：{values}。点“下一步”开始前向传播。",
    },
    "bp_at_forward": {
        "en": "Forward pass, node {node}: its value from its inputs.",
        "zh": "前向传播，节点{node}：由输入算出它的值。",
    },
    "bp_at_seed": {
        "en": "The backward pass starts at the output {node}: ∂f/∂{node} = 1.",
        "zh": "反向传播从输出{node}开始：∂f/∂{node} = 1。",
    },
    "bp_at_backward": {
        "en": "Backward pass, node {node}: its gradient ∂f/∂{node} = {grad} is "
        "complete, so it goes back along each input edge, times the local "
        "derivative (chain rule):",
        "zh": "反向传播，节点{node}：它的梯度 ∂f/∂{node} = {grad}已经完整，"
        "于是乘以局部导数后沿每条输入边传回（链式法则）：",
    },
    "bp_at_end": {
        "en": "Every gradient is known. The table below compares them with "
        "jax.grad and with central differences.",
        "zh": "所有梯度都已求出。下表把它们与 jax.grad 和中心差分作比较。",
    },
    "bp_legend_value": {"en": "value (forward)", "zh": "值（前向传播）"},
    "bp_legend_gradient": {
        "en": "gradient ∂f/∂· (backward)",
        "zh": "梯度 ∂f/∂·（反向传播）",
    },
    "bp_legend_current": {"en": "this step", "zh": "当前步骤"},
    "bp_check": {
        "en": "Backprop by hand against jax.grad and central differences",
        "zh": "手算反向传播与 jax.grad、中心差分的比较",
    },
    "bp_col_input": {"en": "input", "zh": "输入"},
    "bp_col_backprop": {"en": "backprop (by hand)", "zh": "反向传播（手算）"},
    "bp_col_jax": {"en": "jax.grad", "zh": "jax.grad 自动微分"},
    "bp_col_central": {
        "en": "central difference, h = {h}",
        "zh": "中心差分，h = {h}",
    },
    "bp_col_backprop_error": {
        "en": "|backprop − jax.grad|",
        "zh": "|反向传播 − jax.grad|",
    },
    "bp_col_central_error": {
        "en": "|central − jax.grad|",
        "zh": "|中心差分 − jax.grad|",
    },
    "bp_check_note": {
        "en": "Backprop and jax.grad multiply and add the same local derivatives, "
        "so they agree to rounding; a central difference only approximates "
        "the slope (its error shrinks like h²), which is why it serves as a "
        "check rather than as the method.",
        "zh": "反向传播和 jax.grad 乘加的是同样的局部导数，因此只差舍入误差；"
        "中心差分只是斜率的近似（误差随 h² 缩小），所以它用来检验，而不用来训练。",
    },
    "bp_fan_in": {
        "en": "{nodes}: a value used by several nodes receives one gradient per "
        "outgoing edge, and its gradient is their sum.",
        "zh": "{nodes}：被多个节点使用的值，每条出边各传回一个梯度，"
        "它的梯度是这些梯度之和。",
    },
    "bp_note_sigmoid": {
        "en": "The six steps h₁ … h₆ are the ones the notes use. At x = 1, "
        "w = b = 0: ∂f/∂w = 0.25.",
        "zh": "h₁ … h₆ 六步与讲义的拆分一致。在 x = 1、w = b = 0 处：∂f/∂w = 0.25。",
    },
    "bp_note_add_mul": {
        "en": "At (x, y, z) = (−2, 5, −4) the gradients are (−4, −4, 3): an add "
        "node hands its gradient unchanged to both inputs; a multiply node "
        "gives each input the other input's value times its gradient.",
        "zh": "在 (x, y, z) = (−2, 5, −4) 处梯度为 (−4, −4, 3)：加法节点把梯度原样分给"
        "两个输入；乘法节点给每个输入的是“另一个输入的值 × 梯度”。",
    },
    "bp_note_max_gate": {
        "en": "The max gate sends the whole gradient to its larger input and "
        "nothing to the other one. At a tie jax.grad splits it in half, and so "
        "does this page (so does the central difference).",
        "zh": "max 门把梯度全部传给较大的输入，较小的输入得到 0。两者相等时 jax.grad "
        "各给一半，本页也这样做（中心差分的结果同样是一半）。",
    },
    "bp_note_fan_in": {
        "en": "At (1, 1): ∂f/∂x = y / (2x + 3y)² = 0.04, the sum of what "
        "reaches x through x + y and through 2x.",
        "zh": "在 (1, 1) 处：∂f/∂x = y / (2x + 3y)² = 0.04，"
        "即经 x + y 和经 2x 两条路径传到 x 的梯度之和。",
    },
    "bp_note_neuron": {
        "en": "cs231n's numbers: w = (2, −3, −3), x = (−1, −2) give f ≈ 0.73 and "
        "∂f/∂x = (0.39, −0.59). The last four nodes are σ: σ′ = σ(1 − σ) ≈ 0.2 "
        "reaches the sum node in one go.",
        "zh": "cs231n 的数值：w = (2, −3, −3)、x = (−1, −2) 时 f ≈ 0.73，"
        "∂f/∂x = (0.39, −0.59)。最后四个节点合起来就是 σ：σ′ = σ(1 − σ) ≈ 0.2，"
        "一步传到求和节点。",
    },
    "bp_static_dynamic_title": {
        "en": "Static and dynamic computation graphs",
        "zh": "静态计算图与动态计算图",
    },
    "bp_static_dynamic": {
        "en": "A static computation graph is declared whole before any number "
        "flows through it (TensorFlow 1, Theano). Seeing every operation in "
        "advance, the framework can fuse, reorder and parallelise them; but a "
        "loop or a branch that depends on the data has to be written in the "
        "graph's own vocabulary.\n\n"
        "A dynamic computation graph is recorded while ordinary code runs "
        "(PyTorch, DyNet). Every forward pass may build a different graph, "
        "Python's if and for work as usual and an error points at your own "
        "line; the price is less room for whole-program optimisation.\n\n"
        "JAX sits between the two: jax.jit traces the Python function once "
        "and reuses the static graph it recorded. The graphs on this page are "
        "small and fixed, so both kinds compute exactly the same gradients.",
        "zh": "静态计算图在任何数据流过之前就被完整地定义出来（如 TensorFlow 1、"
        "Theano）。框架事先看得到全部运算，可以把它们合并、重排、并行执行；"
        "但依赖数据的循环或分支必须用计算图自带的写法来表达。\n\n"
        "动态计算图则是在普通代码运行的同时被记录下来的（如 PyTorch、DyNet）。"
        "每次前向传播都可以搭出不同的图，Python 的 if 和 for 照常使用，"
        "报错也直接指向你自己写的那一行；代价是难以对整个程序做优化。\n\n"
        "JAX 介于两者之间：jax.jit 先把 Python 函数追踪一遍，之后反复使用记录下的"
        "静态图。本页的图又小又固定，两种方式算出的梯度完全一样。",
    },
}
