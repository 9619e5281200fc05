<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>cascadeclip::ui::AnnotationDocument</name>
    <message>
        <source>%1: PNG encoding failed</source>
        <translation>%1: PNG 编码失败</translation>
    </message>
    <message>
        <source>%1: expected a %2x%3 16-bit single-channel PNG</source>
        <translation>%1: 应为 %2x%3 的 16 位单通道 PNG</translation>
    </message>
    <message>
        <source>not a decodable image (%1 bytes)</source>
        <translation>无法解码的图像（%1 字节）</translation>
    </message>
    <message>
        <source>%1: the saved annotation could not be read, so it is not overwritten</source>
        <translation>%1: 无法读取已保存的标注，因此不会覆盖它</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1: 无法创建文件夹</translation>
    </message>
    <message>
        <source>%1: unsupported version %2</source>
        <translation>%1: 不支持的版本 %2</translation>
    </message>
    <message>
        <source>%1: annotation is %2x%3 but the image is %4x%5</source>
        <translation>%1: 标注为 %2x%3，但图像为 %4x%5</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::ClassListModel</name>
    <message>
        <source>%1 (key %2, id %3)</source>
        <translation>%1（按键 %2，ID %3）</translation>
    </message>
    <message>
        <source>%1 (id %2)</source>
        <translation>%1（ID %2）</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::ImageListModel</name>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Annotated</source>
        <translation>已标注</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待处理</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::MainWindow</name>
    <message>
        <source>Cascade-CLIP Studio</source>
        <translation>Cascade-CLIP Studio</translation>
    </message>
    <message>
        <source>No model configured</source>
        <translation>未配置模型</translation>
    </message>
    <message>
        <source>Welcome to Cascade-CLIP Studio</source>
        <translation>欢迎使用 Cascade-CLIP Studio</translation>
    </message>
    <message>
        <source>Set Up Model…</source>
        <translation>设置模型…</translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Add classes: sky, road, car</source>
        <translation>添加类别：sky, road, car</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Keys 1–9 pick a class. Double-click to rename; the check box marks classes seen in training.</source>
        <translation>按 1–9 键选择类别。双击可重命名；复选框标记训练中可见的类别。</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <source>Change the colour of the class</source>
        <translation>更改类别的颜色</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the class from the list</source>
        <translation>从列表中移除该类别</translation>
    </message>
    <message>
        <source>From Model</source>
        <translation>来自模型</translation>
    </message>
    <message>
        <source>Add the classes the model was trained on, with their seen flags</source>
        <translation>添加模型训练所用的类别及其可见标记</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Import class names from labels.txt</source>
        <translation>从 labels.txt 导入类别名称</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export class names to labels.txt</source>
        <translation>将类别名称导出到 labels.txt</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Image…</source>
        <translation>打开图像(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Set Up &amp;Model…</source>
        <translation>设置模型(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Could not save the annotations.</source>
        <translation>无法保存标注。</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation>下一张图像(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation>上一张图像(&amp;P)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Segment the image with the classes in the panel (Ctrl+Return)</source>
        <translation>使用面板中的类别分割图像（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the running segmentation (Esc)</source>
        <translation>停止正在进行的分割（Esc）</translation>
    </message>
    <message>
        <source>%v / %m windows</source>
        <translation>窗口 %v / %m</translation>
    </message>
    <message>
        <source> Threshold </source>
        <translation> 阈值 </translation>
    </message>
    <message>
        <source>Pixels whose best class scores below this are left unlabeled</source>
        <translation>最佳类别得分低于此值的像素保持未标注</translation>
    </message>
    <message>
        <source> Opacity </source>
        <translation> 不透明度 </translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>Show or hide the mask (Ctrl+M)</source>
        <translation>显示或隐藏掩码（Ctrl+M）</translation>
    </message>
    <message>
        <source>Contours</source>
        <translation>轮廓</translation>
    </message>
    <message>
        <source>Draw only the outlines of regions (Ctrl+Shift+M)</source>
        <translation>仅绘制区域的轮廓（Ctrl+Shift+M）</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>多边形</translation>
    </message>
    <message>
        <source>Subtract polygon</source>
        <translation>减去多边形</translation>
    </message>
    <message>
        <source>Brush radius in image pixels ([ and ])</source>
        <translation>画笔半径，以图像像素计（[ 和 ]）</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Smaller Brush</source>
        <translation>缩小画笔</translation>
    </message>
    <message>
        <source>Larger Brush</source>
        <translation>放大画笔</translation>
    </message>
    <message>
        <source>Only
unlabeled</source>
        <translation>仅限
未标注</translation>
    </message>
    <message>
        <source>Paint only pixels that have no label yet</source>
        <translation>仅绘制尚未标注的像素</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Cascade-CLIP Studio</source>
        <translation>关于 Cascade-CLIP Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About Cascade-CLIP Studio</source>
        <translation>关于 Cascade-CLIP Studio</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cascade-CLIP Studio %1&lt;/b&gt;&lt;p&gt;Zero-shot semantic segmentation with Cascade-CLIP.&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;&lt;pre&gt;%3&lt;/pre&gt;</source>
        <translation>&lt;b&gt;Cascade-CLIP Studio %1&lt;/b&gt;&lt;p&gt;基于 Cascade-CLIP 的零样本语义分割。&lt;/p&gt;&lt;p&gt;Qt %2&lt;/p&gt;&lt;pre&gt;%3&lt;/pre&gt;</translation>
    </message>
    <message>
        <source>Choose a Model Bundle</source>
        <translation>选择模型包</translation>
    </message>
    <message>
        <source>Model bundles (*.safetensors);;All files (*)</source>
        <translation>模型包 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>Loading model “%1”…</source>
        <translation>正在加载模型“%1”…</translation>
    </message>
    <message>
        <source>Model: %1 (%2)</source>
        <translation>模型：%1（%2）</translation>
    </message>
    <message>
        <source>Model ready</source>
        <translation>模型已就绪</translation>
    </message>
    <message>
        <source>Could not load the model “%1”: %2.</source>
        <translation>无法加载模型“%1”：%2。</translation>
    </message>
    <message>
        <source>Could not open “%1”: it is not an image this program can read.</source>
        <translation>无法打开“%1”：这不是本程序可读取的图像。</translation>
    </message>
    <message>
        <source>Could not open the folder “%1”: it does not exist.</source>
        <translation>无法打开文件夹“%1”：该文件夹不存在。</translation>
    </message>
    <message>
        <source>Could not open the project in “%1”: its project file is unreadable.</source>
        <translation>无法打开“%1”中的项目：项目文件无法读取。</translation>
    </message>
    <message>
        <source>The folder “%1” contains no images this program can read.</source>
        <translation>文件夹“%1”中没有本程序可读取的图像。</translation>
    </message>
    <message>
        <source>Could not open “%1”: %2.</source>
        <translation>无法打开“%1”：%2。</translation>
    </message>
    <message>
        <source>The saved annotation of “%1” could not be read. It is kept as it is and will not be overwritten.</source>
        <translation>无法读取“%1”已保存的标注。它将保持原样，不会被覆盖。</translation>
    </message>
    <message>
        <source>Those classes are already in the list</source>
        <translation>这些类别已在列表中</translation>
    </message>
    <message>
        <source>Class: %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>Class Colour</source>
        <translation>类别颜色</translation>
    </message>
    <message>
        <source>Import Labels</source>
        <translation>导入标签</translation>
    </message>
    <message>
        <source>Label lists (*.txt);;All files (*)</source>
        <translation>标签列表 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not import “%1”.</source>
        <translation>无法导入“%1”。</translation>
    </message>
    <message>
        <source>Export Labels</source>
        <translation>导出标签</translation>
    </message>
    <message>
        <source>Label lists (*.txt)</source>
        <translation>标签列表 (*.txt)</translation>
    </message>
    <message>
        <source>Could not export “%1”.</source>
        <translation>无法导出“%1”。</translation>
    </message>
    <message>
        <source>Open an image or a folder first (Ctrl+O / Ctrl+U).</source>
        <translation>请先打开图像或文件夹（Ctrl+O / Ctrl+U）。</translation>
    </message>
    <message>
        <source>The model is still loading. Run again when the status bar shows it is ready.</source>
        <translation>模型仍在加载。状态栏显示就绪后请再次运行。</translation>
    </message>
    <message>
        <source>No model is loaded. Use “Set Up Model…” to choose a model bundle.</source>
        <translation>未加载模型。请使用“设置模型…”选择模型包。</translation>
    </message>
    <message>
        <source>Type at least one class name in the Classes panel, then run again.</source>
        <translation>请在类别面板中输入至少一个类别名称，然后再次运行。</translation>
    </message>
    <message>
        <source>Segmenting “%1”…</source>
        <translation>正在分割“%1”…</translation>
    </message>
    <message>
        <source>Could not segment “%1”: %2.</source>
        <translation>无法分割“%1”：%2。</translation>
    </message>
    <message>
        <source>result is %1x%2, image is %3x%4</source>
        <translation>结果为 %1x%2，图像为 %3x%4</translation>
    </message>
    <message numerus="yes">
        <source>Segment with %n class(es)</source>
        <translation>
            <numerusform>使用 %n 个类别分割</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Segmented “%1” (%n window(s))</source>
        <translation>
            <numerusform>已分割“%1”（%n 个窗口）</numerusform>
        </translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>the model file was not found</source>
        <translation>找不到模型文件</translation>
    </message>
    <message>
        <source>the model file is damaged or is not a Cascade-CLIP model bundle</source>
        <translation>模型文件已损坏或不是 Cascade-CLIP 模型包</translation>
    </message>
    <message>
        <source>the image could not be read</source>
        <translation>无法读取图像</translation>
    </message>
    <message>
        <source>the request is not valid</source>
        <translation>请求无效</translation>
    </message>
    <message>
        <source>there is not enough memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>the compute device is not available</source>
        <translation>计算设备不可用</translation>
    </message>
    <message>
        <source>a file could not be read or written</source>
        <translation>无法读取或写入文件</translation>
    </message>
    <message>
        <source>an internal error occurred</source>
        <translation>发生内部错误</translation>
    </message>
    <message>
        <source>Add a class and select it to paint with it.</source>
        <translation>请添加并选择一个类别后再用它绘制。</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>擦除</translation>
    </message>
    <message>
        <source>Paint %1</source>
        <translation>绘制 %1</translation>
    </message>
    <message>
        <source>Add a class and select it to fill with it.</source>
        <translation>请添加并选择一个类别后再用它填充。</translation>
    </message>
    <message>
        <source>Fill %1</source>
        <translation>填充 %1</translation>
    </message>
    <message>
        <source>Add a class and select it to draw polygons with it.</source>
        <translation>请添加并选择一个类别后再用它绘制多边形。</translation>
    </message>
    <message>
        <source>Subtract polygon from %1</source>
        <translation>从 %1 减去多边形</translation>
    </message>
    <message>
        <source>Polygon %1</source>
        <translation>多边形 %1</translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>removed class %1</source>
        <translation>已移除的类别 %1</translation>
    </message>
    <message>
        <source>x %1  y %2  ·  %3  (score %4)</source>
        <translation>x %1  y %2  ·  %3  （得分 %4）</translation>
    </message>
    <message>
        <source>x %1  y %2  ·  %3</source>
        <translation>x %1  y %2  ·  %3</translation>
    </message>
    <message>
        <source>No model is configured yet. Set up a model bundle, or import OpenAI&apos;s ViT-B-16.pt together with an official Cascade-CLIP checkpoint, then open an image or a folder and type the class names you want.</source>
        <translation>尚未配置模型。请设置模型包，或将 OpenAI 的 ViT-B-16.pt 与官方 Cascade-CLIP 检查点一起导入，然后打开图像或文件夹并输入所需的类别名称。</translation>
    </message>
    <message>
        <source>The model is ready. Open an image (Ctrl+O) or a folder of images (Ctrl+U), type the class names you want in the Classes panel, and press Run.</source>
        <translation>模型已就绪。打开图像（Ctrl+O）或图像文件夹（Ctrl+U），在类别面板中输入所需的类别名称，然后点击“运行”。</translation>
    </message>
    <message>
        <source>%1 — %2 — Cascade-CLIP Studio</source>
        <translation>%1 — %2 — Cascade-CLIP Studio</translation>
    </message>
    <message>
        <source>Could not save the project file.</source>
        <translation>无法保存项目文件。</translation>
    </message>
    <message>
        <source>Could not save the annotation of “%1”.</source>
        <translation>无法保存“%1”的标注。</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::MessageWidget</name>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::SegmentationController</name>
    <message>
        <source>out of memory while loading the model</source>
        <translation>加载模型时内存不足</translation>
    </message>
    <message>
        <source>unknown exception while loading the model</source>
        <translation>加载模型时发生未知异常</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>unknown exception</source>
        <translation>未知异常</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::i18n</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The new language is used the next time Cascade-CLIP Studio starts.</source>
        <translation>新语言将在下次启动 Cascade-CLIP Studio 时生效。</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>系统默认</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::project</name>
    <message>
        <source>unsupported project version %1</source>
        <translation>不支持的项目版本 %1</translation>
    </message>
    <message>
        <source>class id %1 out of range</source>
        <translation>类别 ID %1 超出范围</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Zero-shot semantic segmentation with Cascade-CLIP.</source>
        <translation>基于 Cascade-CLIP 的零样本语义分割。</translation>
    </message>
    <message>
        <source>Show version, LibTorch, BLAS, threads and device.</source>
        <translation>显示版本、LibTorch、BLAS、线程数和设备。</translation>
    </message>
    <message>
        <source>Show the main window and quit at once (an installation check).</source>
        <translation>显示主窗口后立即退出（用于检查安装）。</translation>
    </message>
    <message>
        <source>An image, a folder of images or a project file to open.</source>
        <translation>要打开的图像、图像文件夹或项目文件。</translation>
    </message>
</context>
</TS>
