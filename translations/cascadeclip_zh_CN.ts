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
    <message>
        <source>%1: written by another program or window after this image was opened; not overwritten (reopen the image to see those masks)</source>
        <translation>%1：打开此图像后已被其他程序或窗口写入，因此不会覆盖（重新打开图像即可查看这些掩码）</translation>
    </message>
    <message>
        <source>%1: &quot;nga&quot; must hold six numbers</source>
        <translation>%1：&quot;nga&quot; 必须包含 6 个数字</translation>
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
    <name>cascadeclip::ui::ExportDialog</name>
    <message>
        <source>the destination is read-only or you may not write there</source>
        <translation>目标位置为只读，或您没有写入权限</translation>
    </message>
    <message>
        <source>it would replace one of the images; choose another folder</source>
        <translation>这会覆盖其中一张图像；请选择其他文件夹</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the folder cannot be created</source>
        <translation>无法创建文件夹</translation>
    </message>
    <message>
        <source>two classes have the same colour (a colour export needs distinct colours)</source>
        <translation>两个类别的颜色相同（颜色导出需要互不相同的颜色）</translation>
    </message>
    <message>
        <source>it could not be written (see the details)</source>
        <translation>无法写入（请查看详细信息）</translation>
    </message>
    <message>
        <source>Export Annotations</source>
        <translation>导出标注</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Index PNG (8-bit palette; 255 = unlabeled)</source>
        <translation>索引 PNG（8 位调色板；255 = 未标注）</translation>
    </message>
    <message>
        <source>NAME.png: pixel = class position in the panel, as VOC and MMSeg read it</source>
        <translation>NAME.png：像素值 = 类别在面板中的位置，与 VOC 和 MMSeg 的读取方式一致</translation>
    </message>
    <message>
        <source>Colour PNG with labelmap.txt and legend.json</source>
        <translation>颜色 PNG（附 labelmap.txt 和 legend.json）</translation>
    </message>
    <message>
        <source>NAME_color.png for people, with CVAT&apos;s labelmap.txt and a JSON legend</source>
        <translation>供人查看的 NAME_color.png，附 CVAT 的 labelmap.txt 和 JSON 图例</translation>
    </message>
    <message>
        <source>COCO JSON (RLE masks)</source>
        <translation>COCO JSON（RLE 掩码）</translation>
    </message>
    <message>
        <source>coco.json: one annotation per class present in an image; category id = class id + 1</source>
        <translation>coco.json：图像中出现的每个类别各一条标注；category id = 类别 ID + 1</translation>
    </message>
    <message>
        <source>Polygons where exact (RLE for regions with holes)</source>
        <translation>可精确表示时使用多边形（带孔区域使用 RLE）</translation>
    </message>
    <message>
        <source>labelme JSON (mask shapes)</source>
        <translation>labelme JSON（掩码形状）</translation>
    </message>
    <message>
        <source>NAME.json for labelme, X-AnyLabeling and CVAT&apos;s LabelMe format</source>
        <translation>用于 labelme、X-AnyLabeling 和 CVAT 的 LabelMe 格式的 NAME.json</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Destination folder:</source>
        <translation>目标文件夹：</translation>
    </message>
    <message>
        <source>%v / %m images</source>
        <translation>图像 %v / %m</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exported “%1”</source>
        <translation>已导出“%1”</translation>
    </message>
    <message>
        <source>Export canceled. The files written so far are complete.</source>
        <translation>已取消导出。已写入的文件都是完整的。</translation>
    </message>
    <message>
        <source>Current image</source>
        <translation>当前图像</translation>
    </message>
    <message>
        <source>Current image (%1)</source>
        <translation>当前图像（%1）</translation>
    </message>
    <message numerus="yes">
        <source>All images of the project (%n image(s))</source>
        <translation>
            <numerusform>项目中的所有图像（%n 张）</numerusform>
        </translation>
    </message>
    <message>
        <source>Export To</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>There is nothing to export: no image has an annotation yet.</source>
        <translation>没有可导出的内容：还没有任何图像带有标注。</translation>
    </message>
    <message>
        <source>There is nothing to export: the project has no classes.</source>
        <translation>没有可导出的内容：项目中没有类别。</translation>
    </message>
    <message>
        <source>Exporting to “%1”…</source>
        <translation>正在导出到“%1”…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) to “%1”.</source>
        <translation>
            <numerusform>已将 %n 张图像导出到“%1”。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) without annotation were left out.</source>
        <translation>
            <numerusform>已略过 %n 张没有标注的图像。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export “%1”: %2.</source>
        <translation>无法导出“%1”：%2。</translation>
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
    <name>cascadeclip::ui::InspectorChart</name>
    <message>
        <source>Alt+click a pixel (or use the Inspect tool, I) to see how each level contributed to its scores.</source>
        <translation>按住 Alt 单击像素（或使用检查工具，I），即可查看各层级对其得分的贡献。</translation>
    </message>
    <message>
        <source>b5</source>
        <translation>b5</translation>
    </message>
    <message>
        <source>b6</source>
        <translation>b6</translation>
    </message>
    <message>
        <source>b7</source>
        <translation>b7</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>b8</source>
        <translation>b8</translation>
    </message>
    <message>
        <source>b9</source>
        <translation>b9</translation>
    </message>
    <message>
        <source>b10</source>
        <translation>b10</translation>
    </message>
    <message>
        <source>stage 3</source>
        <translation>阶段 3</translation>
    </message>
    <message>
        <source>Stage 1:</source>
        <translation>阶段 1：</translation>
    </message>
    <message>
        <source>Stage 2:</source>
        <translation>阶段 2：</translation>
    </message>
    <message>
        <source>p %1</source>
        <translation>p %1</translation>
    </message>
    <message>
        <source>ℓ %1</source>
        <translation>ℓ %1</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::InspectorPanel</name>
    <message>
        <source>Pin</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>Keep this pixel in the list when the next one is inspected</source>
        <translation>检查下一个像素时，将此像素保留在列表中</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Copy as CSV</source>
        <translation>复制为 CSV</translation>
    </message>
    <message>
        <source>Copy every listed pixel&apos;s per-class, per-stage and per-block values</source>
        <translation>复制列表中每个像素按类别、阶段和块划分的值</translation>
    </message>
    <message>
        <source>x %1, y %2 · %3 (%4)%5</source>
        <translation>x %1，y %2 · %3（%4）%5</translation>
    </message>
    <message>
        <source> · pinned</source>
        <translation> · 已固定</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n pixel(s) as CSV</source>
        <translation>
            <numerusform>已将 %n 个像素复制为 CSV</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::LevelView</name>
    <message>
        <source>Annotation</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Stage 1 (blocks 5–7)</source>
        <translation>阶段 1（块 5–7）</translation>
    </message>
    <message>
        <source>Stage 2 (blocks 8–10)</source>
        <translation>阶段 2（块 8–10）</translation>
    </message>
    <message>
        <source>Stage 3 (final block)</source>
        <translation>阶段 3（最后一个块）</translation>
    </message>
    <message>
        <source>Fused</source>
        <translation>融合</translation>
    </message>
    <message>
        <source>All four levels</source>
        <translation>全部四个层级</translation>
    </message>
    <message>
        <source> View </source>
        <translation> 视图 </translation>
    </message>
    <message>
        <source>Show the annotation, one level of the cascade, or all four side by side. The level views are read-only; click with Alt (or the Inspect tool) to inspect a pixel.</source>
        <translation>显示标注、级联中的某一层级，或并排显示全部四个层级。层级视图为只读；按住 Alt 单击（或使用检查工具）可检查像素。</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Logit</source>
        <translation>Logit</translation>
    </message>
    <message>
        <source>Draw the level as a label map, or one class&apos;s probability or logit as a heatmap</source>
        <translation>将层级绘制为标签图，或将某个类别的概率或 logit 绘制为热力图</translation>
    </message>
    <message>
        <source>Class of the heatmap</source>
        <translation>热力图的类别</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>logit</source>
        <translation>logit</translation>
    </message>
    <message>
        <source>stage 1</source>
        <translation>阶段 1</translation>
    </message>
    <message>
        <source>stage 2</source>
        <translation>阶段 2</translation>
    </message>
    <message>
        <source>stage 3</source>
        <translation>阶段 3</translation>
    </message>
    <message>
        <source>fused</source>
        <translation>融合</translation>
    </message>
    <message>
        <source>%1
%2, %3</source>
        <extracomment>Keep the ASCII comma: the four-up panes show only what comes before it.</extracomment>
        <translation>%1
%2, %3</translation>
    </message>
    <message>
        <source>%1 — re-decoding…</source>
        <translation>%1 — 正在重新解码…</translation>
    </message>
    <message>
        <source>%1 — run the model</source>
        <translation>%1 — 请运行模型</translation>
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
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Could not re-decode “%1”: %2.</source>
        <translation>无法重新解码“%1”：%2。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) to “%1”</source>
        <translation>
            <numerusform>已将 %n 张图像导出到“%1”</numerusform>
        </translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>NGA Weights</source>
        <translation>NGA 权重</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Could not inspect the pixel: %1.</source>
        <translation>无法检查该像素：%1。</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Inspect: click a pixel to see each level&apos;s share of its scores (I; Alt+click with any tool)</source>
        <translation>检查：单击像素，查看各层级对其得分的贡献（I；任何工具下均可按住 Alt 单击）</translation>
    </message>
    <message>
        <source>Press Run to segment this image with these NGA weights</source>
        <translation>点击“运行”，用这些 NGA 权重分割此图像</translation>
    </message>
    <message>
        <source>Press Run to see the levels of this image</source>
        <translation>点击“运行”以查看此图像的各层级</translation>
    </message>
    <message>
        <source>Change NGA weights</source>
        <translation>更改 NGA 权重</translation>
    </message>
    <message>
        <source>Run the model on this image first: the inspector reads the features it cached.</source>
        <translation>请先在此图像上运行模型：检查器读取的是模型缓存的特征。</translation>
    </message>
    <message>
        <source>Inspecting x %1, y %2…</source>
        <translation>正在检查 x %1，y %2…</translation>
    </message>
    <message>
        <source>Remove Class</source>
        <translation>移除类别</translation>
    </message>
    <message numerus="yes">
        <source>“%1” labels %n pixel(s) of this image.</source>
        <translation>
            <numerusform>“%1”标注了此图像中的 %n 个像素。</numerusform>
        </translation>
    </message>
    <message>
        <source>Removing the class leaves its pixels unlabeled, in this image and in every other image it labels, when they are next saved. This cannot be undone.</source>
        <translation>移除该类别后，此图像及其标注的所有其他图像中的这些像素将在下次保存时变为未标注。此操作无法撤销。</translation>
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
    <name>cascadeclip::ui::ModelSetupDialog</name>
    <message>
        <source>Set Up Model</source>
        <translation>设置模型</translation>
    </message>
    <message>
        <source>Model bundle</source>
        <translation>模型包</translation>
    </message>
    <message>
        <source>Bundle:</source>
        <translation>模型包：</translation>
    </message>
    <message>
        <source>Model bundles (*.safetensors)</source>
        <translation>模型包 (*.safetensors)</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <source>Import the official files</source>
        <translation>导入官方文件</translation>
    </message>
    <message>
        <source>CLIP ViT-B/16:</source>
        <translation>CLIP ViT-B/16：</translation>
    </message>
    <message>
        <source>OpenAI CLIP (*.pt);;All files (*)</source>
        <translation>OpenAI CLIP (*.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>ViT-B-16.pt from OpenAI</source>
        <translation>OpenAI 的 ViT-B-16.pt</translation>
    </message>
    <message>
        <source>Checkpoint:</source>
        <translation>检查点：</translation>
    </message>
    <message>
        <source>Cascade-CLIP checkpoints (*.pth);;All files (*)</source>
        <translation>Cascade-CLIP 检查点 (*.pth);;所有文件 (*)</translation>
    </message>
    <message>
        <source>official Cascade-CLIP .pth</source>
        <translation>官方 Cascade-CLIP .pth</translation>
    </message>
    <message>
        <source>Vocabulary:</source>
        <translation>词表：</translation>
    </message>
    <message>
        <source>CLIP vocabulary (*.txt.gz *.txt);;All files (*)</source>
        <translation>CLIP 词表 (*.txt.gz *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 (default: next to the checkpoint or CLIP file)</source>
        <translation>%1（默认：检查点或 CLIP 文件所在的文件夹）</translation>
    </message>
    <message>
        <source>From the checkpoint&apos;s dataset</source>
        <translation>按检查点的数据集</translation>
    </message>
    <message>
        <source>Single: “a photo of a {}” (VOC)</source>
        <translation>单个：“a photo of a {}”（VOC）</translation>
    </message>
    <message>
        <source>Multi: 15 templates (Context, COCO)</source>
        <translation>多个：15 个模板（Context、COCO）</translation>
    </message>
    <message>
        <source>Templates:</source>
        <translation>模板：</translation>
    </message>
    <message>
        <source>From the checkpoint&apos;s config</source>
        <translation>按检查点的配置</translation>
    </message>
    <message>
        <source>Inductive (seen classes −0.1)</source>
        <translation>归纳式（可见类别 −0.1）</translation>
    </message>
    <message>
        <source>Transductive</source>
        <translation>直推式</translation>
    </message>
    <message>
        <source>Setting:</source>
        <translation>设定：</translation>
    </message>
    <message>
        <source>All classes (cross-dataset)</source>
        <translation>所有类别（跨数据集）</translation>
    </message>
    <message>
        <source>These indices:</source>
        <translation>以下索引：</translation>
    </message>
    <message>
        <source>0,1,2,…</source>
        <translation>0,1,2,…</translation>
    </message>
    <message>
        <source>Seen classes:</source>
        <translation>可见类别：</translation>
    </message>
    <message>
        <source>Save bundle as:</source>
        <translation>模型包保存为：</translation>
    </message>
    <message>
        <source>NAME.safetensors</source>
        <translation>NAME.safetensors</translation>
    </message>
    <message>
        <source>Cancel Import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Import and Load</source>
        <translation>导入并加载</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>运行时</translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation>自动（可用时使用 CUDA）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message numerus="yes">
        <source>CUDA (%n GPU(s))</source>
        <translation>
            <numerusform>CUDA（%n 个 GPU）</numerusform>
        </translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>All cores</source>
        <translation>所有核心</translation>
    </message>
    <message>
        <source>Threads the model uses on the CPU; applied when the model is loaded</source>
        <translation>模型在 CPU 上使用的线程数；加载模型时生效</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>线程：</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>Imported “%1” (%n tensor(s), %2 classes). Loading it…</source>
        <translation>
            <numerusform>已导入“%1”（%n 个张量，%2 个类别）。正在加载…</numerusform>
        </translation>
    </message>
    <message>
        <source>Import canceled; no bundle was written.</source>
        <translation>已取消导入；未写入模型包。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a model bundle (.safetensors) to load.</source>
        <translation>请选择要加载的模型包（.safetensors）。</translation>
    </message>
    <message>
        <source>Could not load “%1”: the file does not exist.</source>
        <translation>无法加载“%1”：文件不存在。</translation>
    </message>
    <message>
        <source>Choose the official Cascade-CLIP checkpoint (.pth) to import.</source>
        <translation>请选择要导入的官方 Cascade-CLIP 检查点（.pth）。</translation>
    </message>
    <message>
        <source>Could not import “%1”: the file does not exist.</source>
        <translation>无法导入“%1”：文件不存在。</translation>
    </message>
    <message>
        <source>Choose where to save the new model bundle.</source>
        <translation>请选择新模型包的保存位置。</translation>
    </message>
    <message>
        <source>Could not find CLIP&apos;s vocabulary %1: choose it in the Vocabulary field.</source>
        <translation>找不到 CLIP 的词表 %1：请在“词表”字段中选择。</translation>
    </message>
    <message>
        <source>“%1” is not a class index: give the seen classes as 0,1,2,…</source>
        <translation>“%1”不是类别索引：请按 0,1,2,… 的形式填写可见类别</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>a file was not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>it is not a file this import can read, or it is damaged</source>
        <translation>该文件不是此导入能读取的文件，或已损坏</translation>
    </message>
    <message>
        <source>the settings do not fit the checkpoint</source>
        <translation>设置与检查点不匹配</translation>
    </message>
    <message>
        <source>there is not enough memory</source>
        <translation>内存不足</translation>
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
        <source>Could not import “%1”: %2.</source>
        <translation>无法导入“%1”：%2。</translation>
    </message>
    <message numerus="yes">
        <source>Found: CPU with %1 hardware threads; CUDA: %n GPU(s)</source>
        <translation>
            <numerusform>检测到：具有 %1 个硬件线程的 CPU；CUDA：%n 个 GPU</numerusform>
        </translation>
    </message>
    <message>
        <source>Found: CPU with %1 hardware threads. No CUDA: %2.</source>
        <translation>检测到：具有 %1 个硬件线程的 CPU。无 CUDA：%2。</translation>
    </message>
</context>
<context>
    <name>cascadeclip::ui::NgaPanel</name>
    <message>
        <source>Stage 1 (blocks 5–7)</source>
        <translation>阶段 1（块 5–7）</translation>
    </message>
    <message>
        <source>Stage 2 (blocks 8–10)</source>
        <translation>阶段 2（块 8–10）</translation>
    </message>
    <message>
        <source>Block %1</source>
        <translation>块 %1</translation>
    </message>
    <message>
        <source>Weight of block %1 in stage %2</source>
        <translation>阶段 %2 中块 %1 的权重</translation>
    </message>
    <message>
        <source>Gaussian preset</source>
        <translation>高斯预设</translation>
    </message>
    <message>
        <source>σ</source>
        <translation>σ</translation>
    </message>
    <message>
        <source>Width of the Gaussian: weight = exp(−d²/2σ²), d = blocks to the stage&apos;s last</source>
        <translation>高斯宽度：权重 = exp(−d²/2σ²)，d = 到该阶段最后一个块的块数</translation>
    </message>
    <message>
        <source>Apply Gaussian</source>
        <translation>应用高斯</translation>
    </message>
    <message>
        <source>Set both stages to exp(−d²/2σ²); moving σ afterwards updates them live</source>
        <translation>将两个阶段都设为 exp(−d²/2σ²)；之后移动 σ 会实时更新</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to the checkpoint&apos;s learned weights</source>
        <translation>恢复为检查点中学习到的权重</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <source>Checkpoint weights</source>
        <translation>检查点权重</translation>
    </message>
    <message>
        <source>Checkpoint: %1, %2, %3 | %4, %5, %6</source>
        <translation>检查点：%1, %2, %3 | %4, %5, %6</translation>
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
